using System.Diagnostics;
using Herald.Application.Telemetry;
using Herald.InsiderOne;
using Herald.Server.Api;
using Herald.Server.Security;
using Microsoft.Extensions.Logging.Console;
using OpenTelemetry;
using OpenTelemetry.Exporter;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Herald.Server.Telemetry;

/// <summary>
/// OpenTelemetry for Herald: its runs' spans and Insider One's client spans, its metrics, OTLP export when configured, and
/// <c>/metrics</c> for Prometheus. Secrets travel in two URLs (callbacks and files): those requests are never traced, and the
/// alert channels' requests (a Slack URL is a secret) are left out of the HTTP client's spans.
/// </summary>
internal static class TelemetryServices
{
    public const string MetricsPath = "/metrics";

    /// <summary>Set on a request whose URL must not reach a trace (an alert channel's).</summary>
    public static readonly HttpRequestOptionsKey<bool> Untraced = new("herald.untraced");

    public static void AddHeraldTelemetry(this WebApplicationBuilder builder)
    {
        var section = builder.Configuration.GetSection(TelemetryOptions.Section);
        builder.Services.AddOptions<TelemetryOptions>().Bind(section).ValidateDataAnnotations().ValidateOnStart();
        var settings = section.Get<TelemetryOptions>() ?? new TelemetryOptions();

        // With Logging__Console__FormatterName=json, each line carries its scopes: a run's logs hold its RunId.
        builder.Services.Configure<JsonConsoleFormatterOptions>(json => json.IncludeScopes = true);

        var telemetry = builder.Services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService("herald"))
            .WithTracing(tracing => tracing
                .AddSource(HeraldTelemetry.Name)
                .AddAspNetCoreInstrumentation(aspnet => aspnet.Filter = context => !IsSecretBearing(context.Request.Path))
                .AddHttpClientInstrumentation(http =>
                {
                    http.FilterHttpRequestMessage = request => !request.Options.TryGetValue(Untraced, out var untraced) || !untraced;
                    http.EnrichWithHttpRequestMessage = (activity, _) => activity.SetTag(HeraldTelemetry.RunIdTag, RunIdAbove(activity));
                }))
            .WithMetrics(metrics =>
            {
                metrics.AddMeter(HeraldTelemetry.Name, InsiderOneMetrics.MeterName);
                if (settings.MetricsAccess != MetricsAccess.Off)
                {
                    metrics.AddPrometheusExporter();
                }
            });
        if (settings.OtlpEndpoint is { } endpoint)
        {
            telemetry.UseOtlpExporter(OtlpExportProtocol.HttpProtobuf, endpoint);
        }
        else if (!string.IsNullOrWhiteSpace(builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]))
        {
            telemetry.UseOtlpExporter();
        }
    }

    public static void MapHeraldMetrics(this WebApplication app)
    {
        var access = app.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<TelemetryOptions>>().Value.MetricsAccess;
        if (access == MetricsAccess.Off)
        {
            return;
        }
        var endpoint = app.MapPrometheusScrapingEndpoint(MetricsPath);
        if (access == MetricsAccess.ApiKey)
        {
            endpoint.RequireAuthorization(ApiKeyAuthentication.Policy);
        }
    }

    /// <summary>Callback URLs carry the run's secret and file URLs their signature: such requests are not traced at all.</summary>
    private static bool IsSecretBearing(PathString path) =>
        path.StartsWithSegments(CallbackEndpoint.PathPrefix) || path.StartsWithSegments(Herald.Storage.Files.LocalFileHost.UrlPath.TrimEnd('/'));

    /// <summary>The run id of the nearest run or step span above a client span, so that Insider One's calls carry it too.</summary>
    private static string? RunIdAbove(Activity activity)
    {
        for (var parent = activity.Parent; parent is not null; parent = parent.Parent)
        {
            if (parent.GetTagItem(HeraldTelemetry.RunIdTag) is string runId)
            {
                return runId;
            }
        }
        return null;
    }
}
