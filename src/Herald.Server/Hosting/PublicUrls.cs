using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Options;

namespace Herald.Server.Hosting;

/// <summary>
/// The base URL Insider One uses to reach Herald: <c>Herald:PublicBaseUrl</c>, or else the address the
/// server listens on (known only once Kestrel has bound, hence the lazy lookup).
/// </summary>
internal sealed class PublicUrls(IOptions<HeraldOptions> options, IServer server)
{
    public Uri BaseUrl
    {
        get
        {
            if (options.Value.PublicBaseUrl is { } configured)
            {
                return WithTrailingSlash(configured);
            }
            var address = server.Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault()
                ?? throw new InvalidOperationException("Herald is not listening yet, and Herald:PublicBaseUrl is not set.");
            var uri = new UriBuilder(address.Replace("://+", "://localhost").Replace("://*", "://localhost"));
            if (uri.Host is "0.0.0.0" or "[::]" or "::")
            {
                uri.Host = "localhost";
            }
            return WithTrailingSlash(uri.Uri);
        }
    }

    public Uri CallbackUrl(Guid runId, string secret) => new(BaseUrl, $"callbacks/insider-one/{runId:N}/{secret}");

    public string MaskedCallbackUrl(Guid runId) => new Uri(BaseUrl, $"callbacks/insider-one/{runId:N}/").ToString() + "***";

    private static Uri WithTrailingSlash(Uri uri) =>
        uri.AbsoluteUri.EndsWith('/') ? uri : new Uri(uri.AbsoluteUri + "/");
}
