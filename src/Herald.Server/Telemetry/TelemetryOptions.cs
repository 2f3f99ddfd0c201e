using System.ComponentModel.DataAnnotations;

namespace Herald.Server.Telemetry;

/// <summary>Settings under <c>Herald:Telemetry</c>: where traces and metrics go. Validated at start-up.</summary>
public sealed class TelemetryOptions : IValidatableObject
{
    public const string Section = "Herald:Telemetry";

    /// <summary>
    /// An OpenTelemetry collector's OTLP/HTTP base URL (such as http://otel-collector:4318) to send traces and metrics to. Unset:
    /// the standard <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> (and the other <c>OTEL_EXPORTER_OTLP_*</c> variables) is used if set, else nothing is exported.
    /// </summary>
    public Uri? OtlpEndpoint { get; set; }

    /// <summary>Who may scrape <c>/metrics</c>: <c>ApiKey</c> (default), <c>Anonymous</c> or <c>Off</c>.</summary>
    public MetricsAccess MetricsAccess { get; set; } = MetricsAccess.ApiKey;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (OtlpEndpoint is { } url && (!url.IsAbsoluteUri || (url.Scheme != Uri.UriSchemeHttp && url.Scheme != Uri.UriSchemeHttps)))
        {
            yield return new ValidationResult("Herald:Telemetry:OtlpEndpoint must be an absolute http(s) URL of an OTLP/HTTP collector, such as http://otel-collector:4318.",
                [nameof(OtlpEndpoint)]);
        }
        if (!Enum.IsDefined(MetricsAccess))
        {
            yield return new ValidationResult("Herald:Telemetry:MetricsAccess must be ApiKey, Anonymous or Off.", [nameof(MetricsAccess)]);
        }
    }
}
