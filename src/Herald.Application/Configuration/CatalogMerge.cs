using System.Text.Json.Nodes;
using Herald.Core.Catalog;

namespace Herald.Application.Configuration;

/// <summary>
/// Pulls production's changes into a sandbox, field by field: against the base (production when the sandbox was
/// copied or last pulled), a field only production changed takes production's value, a field only the sandbox changed
/// keeps the sandbox's, and a field both changed differently is a conflict that a resolution decides.
/// </summary>
public static class CatalogMerge
{
    public static CatalogMergeResult Merge(CatalogDocument @base, CatalogDocument production, CatalogDocument sandbox, IReadOnlyDictionary<string, ConflictSide> resolutions)
    {
        var conflicts = new List<FieldConflict>();
        var used = new HashSet<string>(StringComparer.Ordinal);
        var merged = new List<ICatalogEntry>();
        var keys = @base.Entries.Concat(production.Entries).Concat(sandbox.Entries).Select(e => (e.Kind, e.Name)).Distinct();
        foreach (var (kind, name) in keys)
        {
            var b = FieldsOf(@base, kind, name);
            var p = FieldsOf(production, kind, name);
            var s = FieldsOf(sandbox, kind, name);
            IReadOnlyDictionary<string, string>? result;
            if (Same(p, b) || Same(p, s))
            {
                result = s;
            }
            else if (Same(s, b))
            {
                result = p;
            }
            else if (p is null || s is null)
            {
                var conflict = new FieldConflict(kind, name, FieldConflict.WholeEntry, Describe(b), Describe(p), Describe(s));
                result = Decide(conflict, p, s, resolutions, conflicts, used);
            }
            else
            {
                var fields = new SortedDictionary<string, string>(StringComparer.Ordinal);
                foreach (var field in p.Keys.Union(s.Keys).Union(b?.Keys ?? []).Distinct())
                {
                    var (bv, pv, sv) = (b?.GetValueOrDefault(field), p.GetValueOrDefault(field), s.GetValueOrDefault(field));
                    var value = pv == bv || pv == sv ? sv : sv == bv ? pv
                        : Decide(new FieldConflict(kind, name, field, bv, pv, sv), pv, sv, resolutions, conflicts, used);
                    if (value is not null)
                    {
                        fields[field] = value;
                    }
                }
                result = fields;
            }
            if (result is not null)
            {
                merged.Add(Build(kind, name, result));
            }
        }
        var unused = resolutions.Keys.Where(k => !used.Contains(k)).Order(StringComparer.Ordinal).ToList();
        return conflicts.Count > 0
            ? new CatalogMergeResult(null, conflicts, unused)
            : new CatalogMergeResult(new CatalogDocument(
                [.. merged.OfType<CredentialEntry>().OrderBy(e => e.Name, StringComparer.Ordinal)],
                [.. merged.OfType<DestinationEntry>().OrderBy(e => e.Name, StringComparer.Ordinal)],
                [.. merged.OfType<OrchestrationEntry>().OrderBy(e => e.Name, StringComparer.Ordinal)],
                [.. merged.OfType<ScheduleEntry>().OrderBy(e => e.Name, StringComparer.Ordinal)])
            {
                Segments = [.. merged.OfType<SegmentEntry>().OrderBy(e => e.Name, StringComparer.Ordinal)],
            }, [], unused);
    }

    private static T? Decide<T>(FieldConflict conflict, T? production, T? sandbox, IReadOnlyDictionary<string, ConflictSide> resolutions, List<FieldConflict> conflicts,
        HashSet<string> used)
        where T : class
    {
        if (resolutions.TryGetValue(conflict.Key, out var side))
        {
            used.Add(conflict.Key);
            return side == ConflictSide.Production ? production : sandbox;
        }
        conflicts.Add(conflict);
        return null;
    }

    private static IReadOnlyDictionary<string, string>? FieldsOf(CatalogDocument document, string kind, string name) =>
        document.Entries.FirstOrDefault(e => e.Kind == kind && e.Name == name)?.Fields();

    private static bool Same(IReadOnlyDictionary<string, string>? a, IReadOnlyDictionary<string, string>? b) =>
        a is null || b is null ? a is null && b is null : a.Count == b.Count && a.All(f => b.TryGetValue(f.Key, out var v) && v == f.Value);

    private static string? Describe(IReadOnlyDictionary<string, string>? fields) =>
        fields is null ? null : string.Join("; ", fields.Select(f => $"{f.Key}: {f.Value}"));

    /// <summary>An entry from its fields, as <see cref="ICatalogEntry.Fields"/> gives them.</summary>
    private static ICatalogEntry Build(string kind, string name, IReadOnlyDictionary<string, string> fields)
    {
        var settings = new JsonObject();
        foreach (var (field, json) in fields.Where(f => f.Key.StartsWith("settings.", StringComparison.Ordinal)))
        {
            settings[field["settings.".Length..]] = JsonNode.Parse(json);
        }
        var description = fields.GetValueOrDefault("description");
        return kind switch
        {
            CredentialEntry.KindName => new CredentialEntry(name, fields.GetValueOrDefault("plugin") ?? "", SettingsDocument.From(settings), description),
            DestinationEntry.KindName => new DestinationEntry(name, fields.GetValueOrDefault("credential") ?? "", SettingsDocument.From(settings), description,
                fields.GetValueOrDefault("adminOnly") == "true", fields.GetValueOrDefault("piiAllowed") == "true"),
            ScheduleEntry.KindName => new ScheduleEntry(name, fields.GetValueOrDefault("cron"), fields.GetValueOrDefault("timeZone"), fields.GetValueOrDefault("after"),
                fields.GetValueOrDefault("paused") == "true"),
            SegmentEntry.KindName => new SegmentEntry(name, fields.GetValueOrDefault("sql") ?? "", description),
            _ => new OrchestrationEntry(name, fields.GetValueOrDefault("destination") ?? "", fields.GetValueOrDefault("query") ?? "",
                fields.GetValueOrDefault("allowEmpty") == "true", description)
            {
                Segment = fields.GetValueOrDefault("segment"),
                IdentifierColumn = fields.GetValueOrDefault("identifierColumn"),
            },
        };
    }
}
