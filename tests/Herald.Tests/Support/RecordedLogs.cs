using System.Collections.Concurrent;
using System.Text;
using Microsoft.Extensions.Logging;

namespace Herald.Tests.Support;

/// <summary>A logger provider that keeps every entry as text: the message, the exception, and every scope around it.</summary>
public sealed class RecordedLogs : ILoggerProvider, ISupportExternalScope
{
    private IExternalScopeProvider _scopes = new LoggerExternalScopeProvider();

    public ConcurrentQueue<(string Category, LogLevel Level, string Message, string Scopes, string? Exception)> Entries { get; } = new();

    /// <summary>All that was logged, as one text to search.</summary>
    public string AllText => string.Join("\n", Entries.Select(e => $"{e.Level} {e.Category} [{e.Scopes}] {e.Message} {e.Exception}"));

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void SetScopeProvider(IExternalScopeProvider scopeProvider) => _scopes = scopeProvider;

    public void Dispose()
    {
    }

    private sealed class Logger(RecordedLogs logs, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => logs._scopes.Push(state);

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var scopes = new StringBuilder();
            logs._scopes.ForEachScope((scope, text) =>
            {
                if (scope is IEnumerable<KeyValuePair<string, object>> pairs)
                {
                    foreach (var (key, value) in pairs)
                    {
                        text.Append(key).Append('=').Append(value).Append(';');
                    }
                }
                else
                {
                    text.Append(scope).Append(';');
                }
            }, scopes);
            logs.Entries.Enqueue((category, logLevel, formatter(state, exception), scopes.ToString(), exception?.ToString()));
        }
    }
}
