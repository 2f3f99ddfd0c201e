using System.ComponentModel.DataAnnotations;

namespace Herald.InsiderOne;

/// <summary>Settings under <c>Herald:InsiderOne</c>. Defaults in <see cref="InsiderOneDefaults"/>.</summary>
public sealed class InsiderOneOptions : IValidatableObject
{
    public const string Section = "Herald:InsiderOne";

    /// <summary>Insider One's API, or a stand-in such as Herald's simulator.</summary>
    [Required]
    public Uri BaseUrl { get; set; } = InsiderOneDefaults.BaseUrl;

    /// <summary>How long a run waits for Insider One's report before it fails.</summary>
    public TimeSpan ReportTimeout { get; set; } = InsiderOneDefaults.ReportTimeout;

    /// <summary>Insider One's limit per API token; Herald paces itself to use it without exceeding it.</summary>
    [Range(1, 10_000)]
    public int RequestsPerSecond { get; set; } = InsiderOneDefaults.RequestsPerSecond;

    /// <summary>
    /// How many API tokens Herald keeps a rate limiter for (each a few hundred bytes). Tokens typed into "Test connection"
    /// or the hand-over page get one too, so the least recently used idle limiters are forgotten beyond this number.
    /// </summary>
    public int MaxTokenLimiters { get; set; } = InsiderOneDefaults.MaxTokenLimiters;

    /// <summary>Retries after the first attempt for 429, 5xx, timeouts and refused connections.</summary>
    [Range(0, 20)]
    public int MaxRetries { get; set; } = InsiderOneDefaults.MaxRetries;

    /// <summary>
    /// How long one request may wait in all for Insider One's rate limit (429, honouring <c>Retry-After</c>) before
    /// the run fails; these waits do not use up <see cref="MaxRetries"/>.
    /// </summary>
    public TimeSpan RateLimitWaitBudget { get; set; } = InsiderOneDefaults.RateLimitWaitBudget;

    public TimeSpan RetryBaseDelay { get; set; } = InsiderOneDefaults.RetryBaseDelay;

    public TimeSpan MaxRetryDelay { get; set; } = InsiderOneDefaults.MaxRetryDelay;

    /// <summary>How long one attempt may take before it counts as a timeout.</summary>
    public TimeSpan RequestTimeout { get; set; } = InsiderOneDefaults.RequestTimeout;

    /// <summary>Insider One's file size limit (50 MB; one older page says 10 MB, hence a setting).</summary>
    [Range(1, long.MaxValue)]
    public long MaxFileBytes { get; set; } = InsiderOneDefaults.MaxFileBytes;

    /// <summary>
    /// The hosts whose https URLs Herald downloads a segment's current values from (Insider One's download answer names
    /// one). Unset means the host of <see cref="BaseUrl"/>. Any other URL, plain http, and URLs on
    /// internal addresses are refused; a URL on <see cref="BaseUrl"/>'s own origin (a local simulator) is always allowed.
    /// </summary>
    public string[]? DownloadHosts { get; set; }

    /// <summary>The hosts a download may go to: <see cref="DownloadHosts"/>, or the API's own host.</summary>
    public IReadOnlyList<string> DownloadHostsOrDefault => DownloadHosts is { Length: > 0 } hosts ? hosts : [BaseUrl.IdnHost];

    /// <summary>
    /// Bytes one downloaded segment file may hold: twice <see cref="MaxFileBytes"/>, since Insider One holds at most one file
    /// of that size per segment (part) and its export may quote or spell values differently. A run of several parts downloads
    /// each part once, so a run downloads at most this times its part count.
    /// </summary>
    public long MaxDownloadBytes => MaxFileBytes > long.MaxValue / 2 ? long.MaxValue : MaxFileBytes * 2;

    /// <summary>How long one download of a segment's current file may take (it can be as large as <see cref="MaxFileBytes"/>).</summary>
    public TimeSpan DownloadTimeout { get; set; } = InsiderOneDefaults.DownloadTimeout;

    /// <summary>
    /// The shrink guard: a replace that would remove more than this share of the segment's members stops before
    /// uploading unless the run is forced. 0.5 by default; 1 turns the guard off; a destination may set its own.
    /// </summary>
    public double ShrinkGuardShare { get; set; } = InsiderOneDefaults.ShrinkGuardShare;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!BaseUrl.IsAbsoluteUri || (BaseUrl.Scheme != Uri.UriSchemeHttps && BaseUrl.Scheme != Uri.UriSchemeHttp))
        {
            yield return new ValidationResult($"{Section}:BaseUrl must be an absolute http(s) URL, such as {InsiderOneDefaults.BaseUrl}.", [nameof(BaseUrl)]);
        }
        if (ReportTimeout <= TimeSpan.Zero)
        {
            yield return new ValidationResult($"{Section}:ReportTimeout must be positive, such as 01:00:00 for one hour.", [nameof(ReportTimeout)]);
        }
        if (RetryBaseDelay < TimeSpan.Zero || MaxRetryDelay < RetryBaseDelay)
        {
            yield return new ValidationResult($"{Section}:RetryBaseDelay must be zero or more and at most {Section}:MaxRetryDelay.", [nameof(RetryBaseDelay)]);
        }
        if (RateLimitWaitBudget <= TimeSpan.Zero || RateLimitWaitBudget > TimeSpan.FromHours(1))
        {
            yield return new ValidationResult($"{Section}:RateLimitWaitBudget must be more than zero and at most one hour, such as 00:05:00.", [nameof(RateLimitWaitBudget)]);
        }
        if (DownloadTimeout <= TimeSpan.Zero)
        {
            yield return new ValidationResult($"{Section}:DownloadTimeout must be positive, such as 00:10:00.", [nameof(DownloadTimeout)]);
        }
        if (double.IsNaN(ShrinkGuardShare) || ShrinkGuardShare is < 0 or > 1)
        {
            yield return new ValidationResult($"{Section}:ShrinkGuardShare must be between 0 and 1, such as 0.5 to stop a replace that would remove more than half of a segment (1 turns the guard off).", [nameof(ShrinkGuardShare)]);
        }
        foreach (var host in DownloadHosts ?? [])
        {
            if (string.IsNullOrWhiteSpace(host) || Uri.CheckHostName(host) == UriHostNameType.Unknown)
            {
                yield return new ValidationResult($"{Section}:DownloadHosts holds '{host}': give host names only, such as files.useinsider.com (no scheme, port or path).", [nameof(DownloadHosts)]);
            }
        }
        if (MaxTokenLimiters is < 1 or > 1_000_000)
        {
            yield return new ValidationResult($"{Section}:MaxTokenLimiters must be between 1 and 1000000, such as {InsiderOneDefaults.MaxTokenLimiters}.", [nameof(MaxTokenLimiters)]);
        }
        if (RequestTimeout <= TimeSpan.Zero)
        {
            yield return new ValidationResult($"{Section}:RequestTimeout must be positive, such as 00:00:30.", [nameof(RequestTimeout)]);
        }
    }
}
