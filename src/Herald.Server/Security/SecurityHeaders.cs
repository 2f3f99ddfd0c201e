using System.Net;
using Herald.Server.Hosting;
using Microsoft.AspNetCore.HttpOverrides;

namespace Herald.Server.Security;

/// <summary>
/// What every answer tells the browser: run only Herald's own scripts and styles, never inside another site's frame,
/// never guess a content type, send no referrer, and keep no copy (audience files, samples and pages hold personal data).
/// Static assets, which are versioned and hold none, keep their own caching.
/// </summary>
internal static class SecurityHeaders
{
    public const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; object-src 'none'; " +
        "base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

    /// <summary>
    /// The API reference page (Scalar, <see cref="Api.ApiDocument.ReferencePath"/>) starts its bundled script with an
    /// inline configuration and inline styles: allowed there only. The page shows the API's description and holds no
    /// data; everything still comes from Herald itself.
    /// </summary>
    public const string ApiReferencePolicy =
        "default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; " +
        "connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app, string staticAssetsPath) =>
        app.Use((context, next) =>
        {
            context.Response.OnStarting(() =>
            {
                var headers = context.Response.Headers;
                headers.ContentSecurityPolicy = context.Request.Path.StartsWithSegments(Api.ApiDocument.ReferencePath, StringComparison.OrdinalIgnoreCase)
                    ? ApiReferencePolicy
                    : ContentSecurityPolicy;
                headers.XContentTypeOptions = "nosniff";
                headers.XFrameOptions = "DENY";
                headers["Referrer-Policy"] = "no-referrer";
                if (!context.Request.Path.StartsWithSegments(staticAssetsPath, StringComparison.OrdinalIgnoreCase))
                {
                    headers.CacheControl = "no-store";
                    headers.Pragma = "no-cache";
                }
                return Task.CompletedTask;
            });
            return next(context);
        });

    /// <summary>
    /// Believes X-Forwarded-For and X-Forwarded-Proto from the configured proxies only (Herald:Web:KnownProxies), so that a
    /// request that reached the proxy over https counts as https (and its session cookie is Secure); with none configured,
    /// no forwarded header is believed.
    /// </summary>
    public static IApplicationBuilder UseConfiguredForwardedHeaders(this IApplicationBuilder app, HeraldOptions.WebSettings settings)
    {
        if (settings.KnownProxies.Length == 0)
        {
            return app;
        }
        var options = new ForwardedHeadersOptions { ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto };
        options.KnownProxies.Clear();
        options.KnownIPNetworks.Clear();
        foreach (var proxy in settings.KnownProxies)
        {
            options.KnownProxies.Add(IPAddress.Parse(proxy));
        }
        return app.UseForwardedHeaders(options);
    }
}
