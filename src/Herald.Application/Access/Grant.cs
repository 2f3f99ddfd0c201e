namespace Herald.Application.Access;

/// <summary>
/// What a caller may do, resolved by the server when it authenticates the caller: the union of the actions of its
/// policies, less <see cref="HeraldActions.PiiView"/> when Restrict PII access is set, plus
/// <see cref="HeraldActions.SandboxAdmin"/> when Allow sandbox administration is.
/// </summary>
/// <param name="Actions">The allowed actions.</param>
/// <param name="Policies">The policy names it came from, for refusals ("none of Viewer allows ...").</param>
public sealed record Grant(IReadOnlySet<string> Actions, IReadOnlyList<string> Policies)
{
    /// <summary>Nothing allowed: the grant of a caller nobody authenticated.</summary>
    public static readonly Grant None = new(new HashSet<string>(), []);

    /// <summary>Herald acting on its own (a schedule, the deadline sweeper): every action.</summary>
    public static readonly Grant System = new(HeraldActions.All.Keys.ToHashSet(StringComparer.Ordinal), ["Herald"]);

    public bool Allows(string action) => Actions.Contains(action);

    /// <summary>Whether personal data must be withheld from this caller.</summary>
    public bool RestrictsPii => !Allows(HeraldActions.PiiView);

    /// <summary>
    /// The grant of a user holding <paramref name="policies"/> (standard policy names or action names; unknown
    /// entries grant nothing) with the two options of access.md.
    /// </summary>
    public static Grant Of(IEnumerable<string> policies, bool restrictPii, bool allowSandboxAdministration)
    {
        var names = policies.ToList();
        var actions = new HashSet<string>(StringComparer.Ordinal);
        foreach (var name in names)
        {
            if (StandardPolicies.Find(name) is { } policy)
            {
                actions.UnionWith(policy.Actions);
            }
            else if (HeraldActions.IsKnown(name))
            {
                actions.Add(name);
            }
        }
        if (restrictPii)
        {
            actions.Remove(HeraldActions.PiiView);
        }
        if (allowSandboxAdministration)
        {
            actions.Add(HeraldActions.SandboxAdmin);
        }
        return new Grant(actions, names);
    }
}
