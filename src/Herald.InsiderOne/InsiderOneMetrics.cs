using System.Diagnostics.Metrics;

namespace Herald.InsiderOne;

/// <summary>The plugin's own metrics (the plugin knows no application): how long requests waited for the per-token rate limiter.</summary>
public static class InsiderOneMetrics
{
    /// <summary>The meter's name; the server exports it with Herald's own.</summary>
    public const string MeterName = "Herald.InsiderOne";

    private static readonly Meter Meter = new(MeterName);

    /// <summary>Seconds a request to Insider One waited for its token's rate limiter (no tags: one series).</summary>
    public static readonly Histogram<double> RateLimiterWait =
        Meter.CreateHistogram<double>("herald.insiderone.rate_limiter.wait", "s", "Seconds a request waited for the per-token rate limiter.");
}
