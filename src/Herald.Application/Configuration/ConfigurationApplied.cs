namespace Herald.Application.Configuration;

/// <summary>What applying a configuration file did (or, for a dry run, would do).</summary>
/// <param name="Difference">The catalog before against the file, entry by entry and field by field.</param>
/// <param name="Warnings">What to know that does not block (a new credential without its secrets yet, a schedule removed with its orchestration).</param>
/// <param name="Applied">Whether the catalog changed: false for a dry run and for a file that matches the catalog already.</param>
public sealed record ConfigurationApplied(CatalogDifference Difference, IReadOnlyList<string> Warnings, bool Applied);
