using Herald.Core.Audiences;

namespace Herald.Sources.DuckDb;

/// <summary>The audience rules (the CSV's own, then the destination's <see cref="ValueRule"/>) as one DuckDB expression per value.</summary>
internal static class AudienceValueRules
{
    public const string Empty = "empty";

    /// <summary>Any control character (U+0000 to U+001F, U+007F to U+009F), as a DuckDB literal.</summary>
    private const string ControlCharacter = @"'\p{Cc}'";

    /// <summary>
    /// NULL for a value that can be sent, else the reason it cannot. The order matters: a value that would
    /// break the CSV is reported as such before its type is judged. The file is written without quoting, so every
    /// character a one-column reader would take for structure (line breaks, commas, quotes) or that no attribute
    /// means (control characters) keeps the value out.
    /// </summary>
    /// <param name="value">The value's text, trimmed (<see cref="AudienceValueText"/>).</param>
    /// <param name="typeReason">A reason decided from the engine's type, or NULL.</param>
    /// <param name="rule">The destination's rule for the attribute; null for any non-empty text.</param>
    public static string ReasonExpression(string value, string typeReason, ValueRule? rule)
    {
        var matches = rule is null ? null : $"regexp_full_match({value}, {SqlText.Literal(rule.Pattern)})";
        // The pattern alone lets 2024-02-30 and year 0000 through; the simulator's stand-in for Insider One parses
        // the date, and so does Herald.
        if (rule?.Type == AttributeType.Date)
        {
            matches = $"({matches} AND TRY_CAST({value} AS DATE) IS NOT NULL AND NOT starts_with({value}, '0000'))";
        }
        var typeCheck = matches is null
            ? ""
            : $"WHEN NOT {matches} THEN {SqlText.Literal(rule!.InvalidReason)}";
        return $"""
            CASE
                WHEN {value} IS NULL OR {value} = '' THEN '{Empty}'
                WHEN contains({value}, chr(10)) OR contains({value}, chr(13)) THEN '{SetAsideReasons.LineBreak}'
                WHEN regexp_matches({value}, {ControlCharacter}) THEN '{SetAsideReasons.ControlCharacter}'
                WHEN contains({value}, ',') THEN '{SetAsideReasons.Comma}'
                WHEN contains({value}, '"') THEN '{SetAsideReasons.Quote}'
                WHEN {typeReason} IS NOT NULL THEN {typeReason}
                {typeCheck}
                ELSE NULL
            END
            """;
    }
}
