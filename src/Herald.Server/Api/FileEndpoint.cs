using Herald.Storage.Files;

namespace Herald.Server.Api;

/// <summary>
/// Serves audience files to Insider One. The URL's signature covers the file name and its expiry, so the
/// URL is the credential: a changed signature, a changed expiry or an expired URL is refused.
/// </summary>
internal static class FileEndpoint
{
    /// <summary>How far another instance's clock may run ahead of this one's when it signs a URL.</summary>
    private static readonly TimeSpan MaxClockSkew = TimeSpan.FromMinutes(5);

    public static void MapFileEndpoint(this IEndpointRouteBuilder app)
    {
        app.MapMethods(LocalAudienceFileStore.UrlPath + "{fileName}", ["GET", "HEAD"],
            (string fileName, long? expires, string? signature, UrlSigner signer, LocalAudienceFileStore files, TimeProvider clock,
            Microsoft.Extensions.Options.IOptions<Hosting.HeraldOptions> options) =>
        {
            if (expires is null || !signer.Verify(fileName, expires.Value, signature))
            {
                return ApiResults.Problem(StatusCodes.Status403Forbidden, "The file URL's signature is not valid.");
            }
            var now = clock.GetUtcNow();
            if (now.ToUnixTimeSeconds() > expires.Value)
            {
                return ApiResults.Problem(StatusCodes.Status403Forbidden, "The file URL has expired.");
            }
            // Herald never signs a URL for longer than the lifetime: one that claims more was not made by this configuration
            // (an old key, a changed setting), and a URL that works for years is a leak waiting to happen.
            if (expires.Value > (now + options.Value.Files.UrlLifetime + MaxClockSkew).ToUnixTimeSeconds())
            {
                return ApiResults.Problem(StatusCodes.Status403Forbidden, "The file URL's expiry lies further ahead than Herald:Files:UrlLifetime allows.");
            }
            return files.ResolveServedPath(fileName) is { } path
                ? Results.File(path, "text/csv; charset=utf-8", fileName, enableRangeProcessing: true)
                : ApiResults.Problem(StatusCodes.Status404NotFound, "The file is no longer available.");
        });
    }
}
