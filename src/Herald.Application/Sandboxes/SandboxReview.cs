using Herald.Application.Configuration;
using Herald.Core.Catalog;
using Herald.Core.Sandboxes;

namespace Herald.Application.Sandboxes;

/// <summary>
/// A sandbox as its difference page and <c>herald sandbox diff</c> show it: what promoting it would change in
/// production, what production changed since the sandbox's base (to pull), the fields both changed (conflicts), and
/// the checks of its configuration: errors block promotion, warnings inform.
/// </summary>
public sealed record SandboxReview(
    Sandbox Sandbox,
    CatalogDifference ToPromote,
    CatalogDifference ProductionSinceBase,
    IReadOnlyList<FieldConflict> Conflicts,
    IReadOnlyList<FieldProblem> Errors,
    IReadOnlyList<string> Warnings);
