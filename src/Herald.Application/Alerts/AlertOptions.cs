using System.ComponentModel.DataAnnotations;

namespace Herald.Application.Alerts;

/// <summary>Settings under <c>Herald:Alerts</c> (environment: <c>Herald__Alerts__...</c>): how alerts are delivered and retried. Validated at start-up.</summary>
public sealed class AlertOptions : IValidatableObject
{
    public const string Section = "Herald:Alerts";

    /// <summary>Attempts at delivering one alert before it is marked given up (shown on the rule's page).</summary>
    public int MaxAttempts { get; set; } = 8;

    /// <summary>The wait after the first failed attempt; it doubles after each further failure, up to <see cref="MaxRetryDelay"/>.</summary>
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>The longest wait between two attempts.</summary>
    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>How long one attempt (connect, send, answer) may take before it counts as failed.</summary>
    public TimeSpan SendTimeout { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>Bytes of a receiver's answer Herald reads (to show in the delivery's error); the rest is never read.</summary>
    public int MaxResponseBytes { get; set; } = 4096;

    /// <summary>How often the delivery queue is checked for alerts due (it is also woken when an alert is queued).</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Alert rules Herald keeps at most.</summary>
    public int MaxRules { get; set; } = 500;

    /// <summary>
    /// Lets channels use http:// URLs, SMTP without TLS and internal addresses (loopback, private networks). For tests and
    /// development only: in production an alert target must be a public https URL or a TLS mail server.
    /// </summary>
    public bool AllowInsecureTargets { get; set; }

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (MaxAttempts is < 1 or > 50)
        {
            yield return new ValidationResult("Herald:Alerts:MaxAttempts must be between 1 and 50 (default 8).", [nameof(MaxAttempts)]);
        }
        if (RetryBaseDelay <= TimeSpan.Zero || MaxRetryDelay < RetryBaseDelay || MaxRetryDelay > TimeSpan.FromDays(1))
        {
            yield return new ValidationResult(
                "Herald:Alerts:RetryBaseDelay must be positive and Herald:Alerts:MaxRetryDelay between it and 1.00:00:00 (defaults 00:00:30 and 00:30:00).",
                [nameof(RetryBaseDelay)]);
        }
        if (SendTimeout < TimeSpan.FromMilliseconds(100) || SendTimeout > TimeSpan.FromMinutes(5))
        {
            yield return new ValidationResult("Herald:Alerts:SendTimeout must be between 00:00:00.1 and 00:05:00 (default 00:00:15).", [nameof(SendTimeout)]);
        }
        if (MaxResponseBytes is < 256 or > 1024 * 1024)
        {
            yield return new ValidationResult("Herald:Alerts:MaxResponseBytes must be between 256 and 1,048,576 (default 4,096).", [nameof(MaxResponseBytes)]);
        }
        if (PollInterval <= TimeSpan.Zero || PollInterval > TimeSpan.FromHours(1))
        {
            yield return new ValidationResult("Herald:Alerts:PollInterval must be between 00:00:00.001 and 01:00:00 (default 00:00:05).", [nameof(PollInterval)]);
        }
        if (MaxRules is < 1 or > 100_000)
        {
            yield return new ValidationResult("Herald:Alerts:MaxRules must be between 1 and 100,000 (default 500).", [nameof(MaxRules)]);
        }
    }
}
