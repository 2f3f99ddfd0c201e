namespace Herald.Application.Access;

/// <summary>
/// Every action Herald's use cases check, named <c>resource:verb</c> as access.md describes. This is the one list: a
/// policy is a set of these names, and a use case refuses (kind <c>Forbidden</c>) a caller whose grant lacks its action.
/// </summary>
public static class HeraldActions
{
    /// <summary>Reads credentials (never their tokens), destinations, orchestrations and their schedules, saved segments, alert rules and bridges.</summary>
    public const string CatalogRead = "catalog:read";

    /// <summary>Reads runs, their history and their recorded calls, and bridges' syncs.</summary>
    public const string RunRead = "run:read";

    /// <summary>Adds, changes (rotates the token of) and removes credentials.</summary>
    public const string CredentialEdit = "credential:edit";

    /// <summary>Adds, changes and removes destinations.</summary>
    public const string DestinationEdit = "destination:edit";

    /// <summary>Adds, changes and removes orchestrations, and sets, pauses and resumes their schedules.</summary>
    public const string OrchestrationEdit = "orchestration:edit";

    /// <summary>Adds, tests and removes alert rules.</summary>
    public const string AlertEdit = "alert:edit";

    /// <summary>Adds, changes and removes Snowflake bridges.</summary>
    public const string BridgeEdit = "bridge:edit";

    /// <summary>Starts a run of an orchestration, runs a past run again, or starts a sync of a bridge.</summary>
    public const string RunStart = "run:start";

    /// <summary>Sends a query of the caller's own to a destination, without an orchestration.</summary>
    public const string RunSend = "run:send";

    /// <summary>Cancels a run that is not final.</summary>
    public const string RunCancel = "run:cancel";

    /// <summary>Runs a query to preview its audience.</summary>
    public const string QueryPreview = "query:preview";

    /// <summary>Sees and uses destinations marked Admin only (and the orchestrations sending to them).</summary>
    public const string DestinationAdminOnly = "destination:admin-only";

    /// <summary>Sees the values of personal data (previews, diff samples); removed by the Restrict PII access option.</summary>
    public const string PiiView = "pii:view";

    /// <summary>Adds, lists and disables users and manages every user's API keys.</summary>
    public const string UserAdmin = "user:admin";

    /// <summary>Reads the audit log.</summary>
    public const string AuditRead = "audit:read";

    /// <summary>Sees, pulls into, promotes and deletes any sandbox; given by the Allow sandbox administration option.</summary>
    public const string SandboxAdmin = "sandbox:admin";

    /// <summary>Adds, changes and removes saved segments (named SQL returning amperity_id that orchestrations send).</summary>
    public const string SegmentEdit = "segment:edit";

    /// <summary>What each action allows, in words a refusal can quote.</summary>
    public static readonly IReadOnlyDictionary<string, string> All = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        [CatalogRead] = "read credentials, destinations, orchestrations, saved segments, schedules, alert rules and bridges",
        [RunRead] = "read runs and syncs",
        [CredentialEdit] = "add, change and remove credentials",
        [DestinationEdit] = "add, change and remove destinations",
        [OrchestrationEdit] = "add, change and remove orchestrations and their schedules",
        [AlertEdit] = "add, test and remove alert rules",
        [BridgeEdit] = "add, change and remove bridges",
        [RunStart] = "start runs of orchestrations and syncs of bridges",
        [RunSend] = "send a query of one's own to a destination",
        [RunCancel] = "cancel runs",
        [QueryPreview] = "preview queries",
        [DestinationAdminOnly] = "see and use destinations marked Admin only",
        [PiiView] = "see personal data",
        [UserAdmin] = "administer users and API keys",
        [AuditRead] = "read the audit log",
        [SandboxAdmin] = "administer sandboxes",
        [SegmentEdit] = "add, change and remove saved segments",
    };

    /// <summary>Whether <paramref name="name"/> is one of Herald's actions.</summary>
    public static bool IsKnown(string name) => All.ContainsKey(name);
}
