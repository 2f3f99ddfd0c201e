namespace Herald.Simulator;

/// <summary>The defaults of <see cref="SimulatorOptions"/> in one place.</summary>
internal static class SimulatorDefaults
{
    public const string PartnerName = "herald-demo";
    public const string Token = "demo-token";
    public static readonly TimeSpan ProcessingDelay = TimeSpan.FromMilliseconds(200);

    // insider-one.md section 1: 100 requests per second per API token.
    public const int RequestsPerSecondPerToken = 100;

    // insider-one.md section 2: 50 MB (one older line says 10 MB, hence configurable).
    public const long MaxFileBytes = 50L * 1024 * 1024;

    public const int CallbackAttempts = 5;
    public static readonly TimeSpan CallbackRetryDelay = TimeSpan.FromSeconds(1);
    public const int FailStatus = 503;
    public const int RetryAfterSeconds = 1;
}
