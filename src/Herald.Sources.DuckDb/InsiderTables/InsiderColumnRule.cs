namespace Herald.Sources.DuckDb.InsiderTables;

/// <summary>
/// A column an Insider One table must have, its type family and, for identifiers and event names, the pattern every
/// non-null value must match in full (RE2 syntax, as DuckDB's <c>regexp_full_match</c> reads it).
/// </summary>
/// <param name="ShareReported">Whether the preview reports the share of rows holding a value (identifiers).</param>
public sealed record InsiderColumnRule(string Column, InsiderColumnKind Kind, string? Pattern, bool ShareReported)
{
    /// <summary>Insider One's event name rule (customer-360.md, "Insider One tables").</summary>
    public const string EventNamePattern = "[a-z0-9][a-zA-Z0-9._-]*";

    /// <summary>A trimmed, lowercase address with a dotted domain: what Insider One takes as an email identifier.</summary>
    public const string EmailPattern = @"[a-z0-9._%+-]+@[a-z0-9-]+(\.[a-z0-9-]+)*\.[a-z]{2,}";

    /// <summary>E.164: a plus, a country code that does not start with 0, at most 15 digits in all.</summary>
    public const string PhonePattern = @"\+[1-9][0-9]{6,14}";
}
