namespace Herald.Snowflake.Tests.Support;

/// <summary>A bound on any one wait in a test, so a broken test fails instead of hanging the run.</summary>
internal static class TestTimeout
{
    public static CancellationToken Token() => new CancellationTokenSource(TimeSpan.FromSeconds(60)).Token;
}
