using Herald.Application.Configuration;
using Herald.Application.Sandboxes;
using Herald.Core.Sandboxes;

namespace Herald.Server.Api;

/// <summary>A new sandbox: its name, and the prefix of its runs' segment names (default <c>sandbox-NAME-</c>).</summary>
public sealed record SandboxInput(string? Name, string? SegmentPrefix = null);

/// <summary>A sandbox: whose it is, the prefix its runs' segment names carry and whether it may send whole audiences.</summary>
/// <param name="CopiedSecrets">The credentials whose runs may use production's secrets (copied by an administrator).</param>
/// <param name="OwnSecrets">The credentials with a secret entered in the sandbox itself (only their names; a secret is never shown).</param>
public sealed record SandboxView(string Name, string Owner, string SegmentPrefix, bool AllowFullSends, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt,
    IReadOnlyList<string>? CopiedSecrets = null, IReadOnlyList<string>? OwnSecrets = null)
{
    internal static SandboxView Of(Sandbox sandbox) =>
        new(sandbox.Name, sandbox.Owner, sandbox.SegmentPrefix, sandbox.AllowFullSends, sandbox.CreatedAt, sandbox.UpdatedAt, sandbox.CopiedSecrets ?? [],
            sandbox.OwnSecrets ?? []);
}

/// <summary>
/// A secret entered in a sandbox for one of its credentials: Insider One's API token as <c>ApiToken</c>, or any plugin's
/// secrets by name in <c>Secrets</c>. It is tried against the destination first unless <c>SkipConnectionTest</c>.
/// </summary>
public sealed record SandboxSecretInput(string? ApiToken = null, IReadOnlyDictionary<string, string>? Secrets = null, bool SkipConnectionTest = false)
{
    // Records print their members; secrets must never reach a log line or an error through ToString.
    public override string ToString() => "SandboxSecretInput { secrets withheld }";
}

/// <summary>A change of a sandbox's settings; a member left out (null) stays as it is. <c>AllowFullSends</c> needs sandbox:admin.</summary>
public sealed record SandboxSettingsInput(string? SegmentPrefix = null, bool? AllowFullSends = null);

/// <summary>A difference: "N added, N changed, N removed" and its entries field by field.</summary>
public sealed record DifferenceView(string Summary, IReadOnlyList<EntryDifferenceView> Entries)
{
    internal static DifferenceView Of(CatalogDifference difference) => new(difference.Summary, ConfigurationAppliedView.EntriesOf(difference));
}

/// <summary>A field changed both in production and in the sandbox: <c>Key</c> (kind/name/field) is what a pull's <c>Take</c> names.</summary>
public sealed record FieldConflictView(string Key, string Kind, string Name, string Field, string? Base, string? Production, string? Sandbox);

/// <summary>
/// A sandbox reviewed: what promoting it would change in production, what production changed since it was copied or
/// last pulled, the conflicts a pull must resolve, and its checks (errors block promotion, warnings inform).
/// </summary>
public sealed record SandboxReviewView(
    SandboxView Sandbox, DifferenceView ToPromote, DifferenceView ProductionSinceBase, IReadOnlyList<FieldConflictView> Conflicts,
    IReadOnlyList<string> Errors, IReadOnlyList<string> Warnings)
{
    internal static SandboxReviewView Of(SandboxReview review) => new(SandboxView.Of(review.Sandbox), DifferenceView.Of(review.ToPromote),
        DifferenceView.Of(review.ProductionSinceBase),
        [.. review.Conflicts.Select(c => new FieldConflictView(c.Key, c.Kind, c.Name, c.Field, c.Base, c.Production, c.Sandbox))],
        [.. review.Errors.Select(e => e.Message)], review.Warnings);
}

/// <summary>A pull: for each conflict (by its key, kind/name/field), the side to take: <c>production</c> or <c>sandbox</c>.</summary>
public sealed record PullInput(Dictionary<string, string>? Take = null);

/// <summary>A promotion: the message the audit log keeps with the difference, and whether to delete the sandbox with it.</summary>
public sealed record PromoteInput(string? Message, bool Delete = false);
