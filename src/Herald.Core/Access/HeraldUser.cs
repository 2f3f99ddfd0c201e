namespace Herald.Core.Access;

/// <summary>
/// A person (or a service) who signs in to Herald or holds API keys.
/// </summary>
/// <param name="Id">Herald's id.</param>
/// <param name="Name">The sign-in name: 1-64 letters, digits, '.', '_', '-' or '@'; unique ignoring case.</param>
/// <param name="Policies">Standard policy names and action names (a custom policy), as the application understands them.</param>
/// <param name="RestrictPii">The Restrict PII access option: personal data is withheld.</param>
/// <param name="AllowSandboxAdministration">The Allow sandbox administration option.</param>
/// <param name="Disabled">A disabled user can neither sign in nor use its keys; it is kept so that its past actions keep a name.</param>
/// <param name="PasswordHash">ASP.NET Core Identity's password hash, or null for a user that only has API keys.</param>
/// <param name="CreatedAt">When the user was added.</param>
public sealed record HeraldUser(
    Guid Id,
    string Name,
    IReadOnlyList<string> Policies,
    bool RestrictPii,
    bool AllowSandboxAdministration,
    bool Disabled,
    string? PasswordHash,
    DateTimeOffset CreatedAt);
