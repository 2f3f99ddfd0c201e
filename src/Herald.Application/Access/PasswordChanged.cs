namespace Herald.Application.Access;

/// <summary>A user's own password was changed (never the password itself, nor its hash).</summary>
/// <param name="User">The user's name.</param>
/// <param name="OtherSessionsEnded">How many of the user's other web sessions were signed out.</param>
public sealed record PasswordChanged(string User, int OtherSessionsEnded);
