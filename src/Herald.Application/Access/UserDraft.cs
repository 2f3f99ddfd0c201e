namespace Herald.Application.Access;

/// <summary>A user to add: a name, an optional password (a user with none signs in only with API keys), policies and the two options.</summary>
public sealed record UserDraft(string? Name, string? Password, IReadOnlyList<string>? Policies, bool RestrictPii = false, bool AllowSandboxAdministration = false);
