namespace Herald.Application.Configuration;

/// <summary>
/// What differs between two catalog documents, entry by entry and field by field, matched by kind and name: the one
/// comparison that a configuration file applied and a sandbox's difference both show. Entries are in the order of
/// <see cref="CatalogDocument.Kinds"/> (credentials, destinations, orchestrations, schedules, segments), each by name.
/// </summary>
public sealed record CatalogDifference(IReadOnlyList<EntryDifference> Entries)
{
    public bool IsEmpty => Entries.Count == 0;

    public int Count(DifferenceKind change) => Entries.Count(e => e.Change == change);

    /// <summary>"2 added, 1 changed, 0 removed".</summary>
    public string Summary => $"{Count(DifferenceKind.Added)} added, {Count(DifferenceKind.Changed)} changed, {Count(DifferenceKind.Removed)} removed";

    /// <summary>Whether the difference adds, changes or removes an entry of <paramref name="kind"/>.</summary>
    public bool Touches(string kind) => Entries.Any(e => e.Kind == kind);

    public static CatalogDifference Between(CatalogDocument before, CatalogDocument after)
    {
        var entries = new List<EntryDifference>();
        foreach (var kind in CatalogDocument.Kinds)
        {
            var old = before.Entries.Where(e => e.Kind == kind).ToDictionary(e => e.Name, StringComparer.Ordinal);
            var @new = after.Entries.Where(e => e.Kind == kind).ToDictionary(e => e.Name, StringComparer.Ordinal);
            foreach (var name in old.Keys.Union(@new.Keys).Order(StringComparer.Ordinal))
            {
                var fieldsBefore = old.GetValueOrDefault(name)?.Fields() ?? new Dictionary<string, string>();
                var fieldsAfter = @new.GetValueOrDefault(name)?.Fields() ?? new Dictionary<string, string>();
                var fields = fieldsBefore.Keys.Union(fieldsAfter.Keys).Order(StringComparer.Ordinal)
                    .Select(field => new FieldDifference(field, fieldsBefore.GetValueOrDefault(field), fieldsAfter.GetValueOrDefault(field)))
                    .Where(f => !string.Equals(f.Before, f.After, StringComparison.Ordinal))
                    .ToList();
                var change = !old.ContainsKey(name) ? DifferenceKind.Added : !@new.ContainsKey(name) ? DifferenceKind.Removed : DifferenceKind.Changed;
                if (change != DifferenceKind.Changed || fields.Count > 0)
                {
                    entries.Add(new EntryDifference(kind, name, change, fields));
                }
            }
        }
        return new CatalogDifference(entries);
    }
}
