using System.ComponentModel.DataAnnotations;

namespace Herald.Snowflake;

/// <summary>Settings under <c>Herald:Snowflake</c> for Herald's SQL API client. Defaults in <see cref="SnowflakeDefaults"/>.</summary>
public sealed class SnowflakeOptions : IValidatableObject
{
    public const string Section = "Herald:Snowflake";

    /// <summary>The SQL API's base address; null uses <c>https://&lt;account&gt;.snowflakecomputing.com</c>. Set it for
    /// the stand-in or a private-link host.</summary>
    public Uri? BaseUrl { get; set; }

    /// <summary>How long one HTTP attempt may take before it counts as a timeout and is retried.</summary>
    public TimeSpan RequestTimeout { get; set; } = SnowflakeDefaults.RequestTimeout;

    /// <summary>Retries after the first attempt for 5xx answers, timeouts and refused connections.</summary>
    [Range(0, 20)]
    public int MaxRetries { get; set; } = SnowflakeDefaults.MaxRetries;

    /// <summary>First backoff between retries; doubles (with jitter) up to <see cref="MaxRetryDelay"/>.</summary>
    public TimeSpan RetryBaseDelay { get; set; } = SnowflakeDefaults.RetryBaseDelay;

    /// <summary>Longest backoff between two retries.</summary>
    public TimeSpan MaxRetryDelay { get; set; } = SnowflakeDefaults.MaxRetryDelay;

    /// <summary>Total wait for 429 answers per request (honouring <c>Retry-After</c>) before Herald gives up.</summary>
    public TimeSpan RateLimitBudget { get; set; } = SnowflakeDefaults.RateLimitBudget;

    /// <summary>First wait before polling a statement answered 202; doubles up to <see cref="PollMaxDelay"/>.</summary>
    public TimeSpan PollInitialDelay { get; set; } = SnowflakeDefaults.PollInitialDelay;

    /// <summary>Longest wait between two polls of a running statement.</summary>
    public TimeSpan PollMaxDelay { get; set; } = SnowflakeDefaults.PollMaxDelay;

    /// <summary>Seconds a statement may run in Snowflake (the request's <c>timeout</c>); Herald also stops polling and
    /// cancels the statement after it.</summary>
    [Range(1, 604_800)]
    public int StatementTimeoutSeconds { get; set; } = SnowflakeDefaults.StatementTimeoutSeconds;

    /// <summary>Largest answer body read, in bytes; a larger one fails the statement instead of filling memory.</summary>
    [Range(1024, int.MaxValue)]
    public int MaxAnswerBytes { get; set; } = SnowflakeDefaults.MaxAnswerBytes;

    /// <summary>Lifetime of each key-pair JWT (at most one hour, Snowflake's limit).</summary>
    public TimeSpan TokenLifetime { get; set; } = SnowflakeDefaults.TokenLifetime;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (BaseUrl is not null && (!BaseUrl.IsAbsoluteUri || (BaseUrl.Scheme != Uri.UriSchemeHttps && BaseUrl.Scheme != Uri.UriSchemeHttp)))
        {
            yield return new ValidationResult($"{Section}:BaseUrl must be an absolute http(s) URL such as https://myorg-myaccount.snowflakecomputing.com, or empty to derive it from the account.", [nameof(BaseUrl)]);
        }

        if (RequestTimeout <= TimeSpan.Zero)
        {
            yield return new ValidationResult($"{Section}:RequestTimeout must be positive, such as 00:01:00.", [nameof(RequestTimeout)]);
        }

        if (RetryBaseDelay < TimeSpan.Zero || MaxRetryDelay < RetryBaseDelay)
        {
            yield return new ValidationResult($"{Section}:RetryBaseDelay must be zero or more and at most {Section}:MaxRetryDelay.", [nameof(RetryBaseDelay)]);
        }

        if (RateLimitBudget < TimeSpan.Zero)
        {
            yield return new ValidationResult($"{Section}:RateLimitBudget must not be negative (zero gives up at the first 429).", [nameof(RateLimitBudget)]);
        }

        if (PollInitialDelay <= TimeSpan.Zero || PollMaxDelay < PollInitialDelay)
        {
            yield return new ValidationResult($"{Section}:PollInitialDelay must be positive and at most {Section}:PollMaxDelay.", [nameof(PollInitialDelay)]);
        }

        if (TokenLifetime <= SnowflakeDefaults.TokenRenewBefore || TokenLifetime > TimeSpan.FromHours(1))
        {
            yield return new ValidationResult($"{Section}:TokenLifetime must be more than {SnowflakeDefaults.TokenRenewBefore.TotalMinutes:0} minutes and at most one hour (Snowflake's limit).", [nameof(TokenLifetime)]);
        }
    }

    /// <summary>Throws when the options are invalid, with every problem's message (for callers without the options
    /// validation of a host).</summary>
    /// <exception cref="ArgumentException">A setting is invalid; the message names it.</exception>
    public void ThrowIfInvalid()
    {
        var results = new List<ValidationResult>();
        if (!Validator.TryValidateObject(this, new ValidationContext(this), results, validateAllProperties: true))
        {
            throw new ArgumentException(string.Join(" ", results.Select(result => result.ErrorMessage)), "options");
        }
    }
}
