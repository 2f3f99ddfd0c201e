namespace Herald.Core.Sandboxes;

/// <summary>
/// The sandbox was saved (a configuration applied, a pull, a settings change, a promotion) or deleted by someone else
/// between the moment a change read it and the moment it was to be written: the change is not made, so it never
/// overwrites a change its author did not see.
/// </summary>
public sealed class SandboxChangedException(string sandboxName, long expectedVersion)
    : InvalidOperationException($"The sandbox '{sandboxName}' changed since it was read (version {expectedVersion}).")
{
    public string SandboxName { get; } = sandboxName;

    public long ExpectedVersion { get; } = expectedVersion;
}
