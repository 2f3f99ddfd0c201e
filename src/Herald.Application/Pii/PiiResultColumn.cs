using Herald.Core.Pii;

namespace Herald.Application.Pii;

/// <summary>One column of a query's result, and the PII columns its values may come from (none: not PII).</summary>
public sealed record PiiResultColumn(string Name, IReadOnlyList<PiiColumn> From)
{
    /// <summary>Whether the column's values are personal data.</summary>
    public bool IsPii => From.Count > 0;
}
