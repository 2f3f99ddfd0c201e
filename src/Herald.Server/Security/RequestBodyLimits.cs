using Herald.Server.Api;
using Herald.Server.Hosting;
using Microsoft.AspNetCore.Http.Features;

namespace Herald.Server.Security;

/// <summary>
/// Caps every request body before anything reads it: callbacks at Herald:Api:MaxCallbackBytes, configuration files at
/// Herald:Api:MaxConfigurationBytes, everything else (the API, the UI's forms) at Herald:Api:MaxRequestBytes. A declared length over the cap is answered 413 at once; a body that
/// grows past it while streaming makes Kestrel stop reading (answered 413 by the exception handler).
/// </summary>
internal static class RequestBodyLimits
{
    public static IApplicationBuilder UseRequestBodyLimits(this IApplicationBuilder app, HeraldOptions.ApiSettings settings) =>
        app.Use(async (context, next) =>
        {
            var isCallback = context.Request.Path.StartsWithSegments(CallbackEndpoint.PathPrefix, StringComparison.OrdinalIgnoreCase);
            var isConfiguration = ConfigurationEndpoints.CarriesFile(context.Request.Path);
            var (limit, setting) = isCallback ? (settings.MaxCallbackBytes, "Herald:Api:MaxCallbackBytes")
                : isConfiguration ? (settings.MaxConfigurationBytes, "Herald:Api:MaxConfigurationBytes")
                : (settings.MaxRequestBytes, "Herald:Api:MaxRequestBytes");
            if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } feature)
            {
                feature.MaxRequestBodySize = limit;
            }
            if (context.Request.ContentLength > limit)
            {
                await Api.ApiResults.WriteProblemAsync(context, StatusCodes.Status413PayloadTooLarge,
                    $"The request body is {context.Request.ContentLength:N0} bytes; Herald accepts at most {limit:N0} ({setting}). Nothing was read.");
                return;
            }
            await next(context);
        });
}
