using Herald.Core.Audiences;

namespace Herald.Application.UseCases;

/// <summary>A preview's counts as one sentence: what a run would send, and what it would set aside and why.</summary>
internal static class PreviewCountsText
{
    /// <param name="withDestinationRules">Whether the destination's rule for the attribute was applied, or only the file's own rules.</param>
    public static string Of(AudienceCounts counts, bool withDestinationRules)
    {
        var kept = new List<string>();
        if (counts.EmptyValues > 0)
        {
            kept.Add($"{counts.EmptyValues:N0} empty");
        }
        if (counts.DuplicateValues > 0)
        {
            kept.Add($"{counts.DuplicateValues:N0} duplicate{(counts.DuplicateValues == 1 ? "" : "s")}");
        }
        kept.AddRange(counts.SetAside.OrderByDescending(p => p.Value).ThenBy(p => p.Key, StringComparer.Ordinal)
            .Select(p => $"{p.Value:N0} {p.Key.Replace('_', ' ')}"));
        var setAside = counts.RowsQueried - counts.ValuesSent;
        var sentence = $"A run would send {counts.ValuesSent:N0} of the query's {counts.RowsQueried:N0} rows" + (setAside == 0
            ? "; none would be set aside."
            : $" and set {setAside:N0} aside: {string.Join(", ", kept)}.");
        return withDestinationRules ? sentence
            : sentence + " Only the file's own rules were applied: choose a destination to check the values against its attribute's rule too.";
    }
}
