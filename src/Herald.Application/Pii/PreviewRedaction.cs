using Herald.Application.UseCases;

namespace Herald.Application.Pii;

/// <summary>A preview as a caller without pii:view sees it: the PII columns' values hidden, the others shown.</summary>
internal static class PreviewRedaction
{
    /// <remarks>
    /// By the attribute rule (the values are sent as emails or phone numbers) the column that would be sent is hidden too
    /// (the only column, or the one named like the attribute): it is personal data whatever table it comes from.
    /// </remarks>
    public static QueryPreviewResult Redact(QueryPreviewResult preview, string? attributeName)
    {
        var byAttribute = PersonalIdentifiers.Contains(attributeName);
        bool IsSent(int i) => preview.Columns.Count == 1 || string.Equals(preview.Columns[i], attributeName?.Trim(), StringComparison.OrdinalIgnoreCase);
        var hidden = Enumerable.Range(0, preview.Columns.Count).Where(i => preview.Pii.IsPii(i) || (byAttribute && IsSent(i))).ToHashSet();
        if (hidden.Count == 0)
        {
            return preview;
        }
        var rows = preview.Rows.Select(row => (IReadOnlyList<string?>)[.. row.Select((cell, i) => hidden.Contains(i) ? PiiRedaction.Hidden : cell)]).ToList();
        var what = hidden.Order().SelectMany(i => preview.Pii.Columns[i].From is { Count: > 0 } from
            ? from.Select(f => f.ToString())
            : [$"{preview.Columns[i]} (sent as {attributeName!.Trim()})"]);
        return preview with { Rows = rows, Redacted = PiiRedaction.Sentence(what) };
    }
}
