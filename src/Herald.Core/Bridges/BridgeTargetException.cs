namespace Herald.Core.Bridges;

/// <summary>A table source or target refused or failed, with a message that says what happened and, when known, what
/// was left in place. Never carries a secret.</summary>
public sealed class BridgeTargetException(SyncFailureKind kind, string message, Exception? inner = null) : Exception(message, inner)
{
    public SyncFailureKind Kind { get; } = kind;
}
