using Herald.Core.Audiences;

namespace Herald.Sources.DuckDb;

/// <summary>The audience rules (the CSV's own, then the destination's <see cref="ValueRule"/>) as one DuckDB expression per value.</summary>
internal static class AudienceValueRules
{
    public const string Empty = "empty";

    /// <summary>
    /// NULL for a value that can be sent, else the reason it cannot. The order matters: a value that would
    /// break the CSV is reported as such before its type is judged.
    /// </summary>
    public static string ReasonExpression(string value, ValueRule? rule)
    {
        var typeCheck = rule is null
            ? ""
            : $"WHEN NOT regexp_full_match({value}, {SqlText.Literal(rule.Pattern)}) THEN {SqlText.Literal(rule.InvalidReason)}";
        return $"""
            CASE
                WHEN {value} IS NULL OR {value} = '' THEN '{Empty}'
                WHEN contains({value}, chr(10)) OR contains({value}, chr(13)) THEN '{SetAsideReasons.LineBreak}'
                WHEN contains({value}, ',') THEN '{SetAsideReasons.Comma}'
                WHEN contains({value}, '"') THEN '{SetAsideReasons.Quote}'
                {typeCheck}
                ELSE NULL
            END
            """;
    }
}
