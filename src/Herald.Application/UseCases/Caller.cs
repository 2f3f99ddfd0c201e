using Herald.Application.Access;

namespace Herald.Application.UseCases;

/// <summary>
/// Who asks a use case for something, how and from where, and what it may do. Every use case takes one and checks
/// its action against <see cref="Grant"/>, so that who may do what is decided in one place; a run's
/// <c>StartedBy</c> is the caller's name, never a field of a request body.
/// </summary>
/// <param name="Name">The signed-in user's name, or <c>cli</c>, <c>schedule</c>, <c>insider-one</c>. At most 64 characters.</param>
/// <param name="Channel">How the request came in.</param>
/// <param name="RemoteAddress">The client's address as the server saw it; null for work Herald starts itself.</param>
public sealed record Caller(string Name, CallerChannel Channel, string? RemoteAddress)
{
    public const int MaxNameLength = 64;

    /// <summary>What the caller may do, resolved by the server when it authenticated the caller; nothing by default.</summary>
    public Grant Grant { get; init; } = Grant.None;

    /// <summary>Herald itself (a schedule, the deadline sweeper), acting with every action.</summary>
    public static Caller Herald(string name) => new(name, CallerChannel.Schedule, null) { Grant = Grant.System };

    /// <summary>A refusal of kind <see cref="RefusalKind.Forbidden"/> naming <paramref name="action"/>, or null when the caller may do it.</summary>
    public Refusal? Denied(string action) => Grant.Allows(action) ? null : Refusal.Forbidden(this, action);
}
