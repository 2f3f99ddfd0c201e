namespace Herald.Application.Access;

/// <summary>A named list of allowed actions (access.md, "Policies"); anything not listed is denied.</summary>
/// <param name="Name">The policy's name, as users and refusals quote it.</param>
/// <param name="Actions">Names from <see cref="HeraldActions"/>.</param>
/// <param name="Means">What the policy is for, in a sentence.</param>
public sealed record AccessPolicy(string Name, IReadOnlySet<string> Actions, string Means);
