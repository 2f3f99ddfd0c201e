using static Herald.Application.Access.HeraldActions;

namespace Herald.Application.Access;

/// <summary>The four standard policies of access.md, and how a user's list of policy names becomes actions.</summary>
public static class StandardPolicies
{
    public static readonly AccessPolicy Administrator = new("Administrator", HeraldActions.All.Keys.ToHashSet(StringComparer.Ordinal),
        "everything, including users, API keys and sandbox administration");

    public static readonly AccessPolicy Operator = new("Operator", new HashSet<string>(StringComparer.Ordinal)
    {
        CatalogRead, RunRead, CredentialEdit, DestinationEdit, OrchestrationEdit, AlertEdit, BridgeEdit, RunStart, RunSend, RunCancel, QueryPreview,
        PiiView, AuditRead, DestinationAdminOnly, SegmentEdit,
    }, "credentials, destinations, orchestrations, saved segments, alerts, bridges and runs; reads everything; sees PII");

    public static readonly AccessPolicy User = new("User", new HashSet<string>(StringComparer.Ordinal)
    {
        CatalogRead, RunRead, RunStart, QueryPreview, PiiView,
    }, "runs the orchestrations it may see, previews queries, reads runs");

    public static readonly AccessPolicy Viewer = new("Viewer", new HashSet<string>(StringComparer.Ordinal)
    {
        CatalogRead, RunRead, PiiView,
    }, "reads configuration and runs");

    public static readonly IReadOnlyList<AccessPolicy> All = [Administrator, Operator, User, Viewer];

    /// <summary>The standard policy of that name (any case), or null.</summary>
    public static AccessPolicy? Find(string name) => All.FirstOrDefault(p => string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase));

    /// <summary>
    /// Why <paramref name="entry"/> is not a policy a user may hold, or null when it is: a standard policy's name, or
    /// an action's name (a custom policy is a list of actions).
    /// </summary>
    public static string? Problem(string entry) =>
        Find(entry) is not null || HeraldActions.IsKnown(entry)
            ? null
            : $"'{entry}' is neither a policy ({string.Join(", ", All.Select(p => p.Name))}) nor an action ({string.Join(", ", HeraldActions.All.Keys)}).";
}
