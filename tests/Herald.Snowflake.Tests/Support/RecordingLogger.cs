using Microsoft.Extensions.Logging;

namespace Herald.Snowflake.Tests.Support;

/// <summary>Keeps every log line written, formatted, so a test can read what an operator would.</summary>
internal sealed class RecordingLogger<T> : ILogger<T>
{
    private readonly List<string> lines = [];

    public IReadOnlyList<string> Lines
    {
        get { lock (lines) { return lines.ToList(); } }
    }

    public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        lock (lines)
        {
            lines.Add($"{logLevel}: {formatter(state, exception)} {exception}");
        }
    }
}
