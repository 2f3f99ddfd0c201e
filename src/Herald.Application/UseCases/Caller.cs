namespace Herald.Application.UseCases;

/// <summary>
/// Who asks a use case for something, how and from where. Every use case takes one, so that roles, PII masking,
/// audit and sandboxes are decided in one place; a run's <c>StartedBy</c> is the caller's name, never a field of a
/// request body.
/// </summary>
/// <param name="Name">The signed-in user or API key's name, or <c>cli</c>, <c>schedule</c>, <c>insider-one</c>. At most 64 characters.</param>
/// <param name="Channel">How the request came in.</param>
/// <param name="RemoteAddress">The client's address as the server saw it; null for work Herald starts itself.</param>
public sealed record Caller(string Name, CallerChannel Channel, string? RemoteAddress)
{
    public const int MaxNameLength = 64;

    /// <summary>Herald itself (a schedule, the deadline sweeper).</summary>
    public static Caller Herald(string name) => new(name, CallerChannel.Schedule, null);
}
