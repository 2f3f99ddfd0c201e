namespace Herald.InsiderOne;

public static class InsiderOneDefaults
{
    public static readonly Uri BaseUrl = new("https://contact.useinsider.com");
    public static readonly TimeSpan ReportTimeout = TimeSpan.FromHours(1);
    public const int RequestsPerSecond = 100;
    public const int MaxTokenLimiters = 1000;
    public const int MaxRetries = 6;
    public static readonly TimeSpan RateLimitWaitBudget = TimeSpan.FromMinutes(5);
    public static readonly TimeSpan RetryBaseDelay = TimeSpan.FromMilliseconds(500);
    public static readonly TimeSpan MaxRetryDelay = TimeSpan.FromSeconds(30);
    public static readonly TimeSpan RequestTimeout = TimeSpan.FromSeconds(30);
    public const long MaxFileBytes = 50L * 1024 * 1024;
    public static readonly TimeSpan DownloadTimeout = TimeSpan.FromMinutes(10);
    public const double ShrinkGuardShare = 0.5;
}
