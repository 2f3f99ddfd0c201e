using Herald.Core.Audiences;

namespace Herald.Sources.DuckDb;

/// <summary>
/// The one place that turns a value from the engine into the text of a line, per attribute type, as DuckDB
/// expressions: the values never pass through Herald's memory. Each row becomes its text <c>v</c>, a reason decided
/// by the engine's type (<c>type_reason</c>, null when the text decides) and how Herald rewrote it
/// (<c>normalized</c>, a <see cref="NormalizedKinds"/> name or null). The file is written without any quoting, so
/// the text of a line is exactly <c>v</c>; <see cref="AudienceValueRules"/> sets aside every value a one-column
/// reader could not read back.
/// </summary>
internal static class AudienceValueText
{
    /// <summary>
    /// Blanks and invisible format characters, trimmed from both ends like ASCII blanks: every character .NET calls
    /// white space (Unicode separators, tab to carriage return, U+0085) and format characters (U+200B, U+FEFF, U+2060 ...).
    /// A value starting with U+FEFF would otherwise make the file start with a byte-order mark.
    /// </summary>
    public const string BlankClass = @"[\p{Z}\p{Cf}\x{09}-\x{0D}\x{85}]";

    /// <summary>What a phone number may be written with around its digits; removed before the E.164 check.</summary>
    private const string PhonePunctuation = @"[\p{Zs}()\[\].\-]";

    /// <summary>A SELECT list over the query's rows <c>q</c>: <c>v</c>, <c>type_reason</c>, <c>normalized</c>.</summary>
    /// <param name="rule">The destination's rule for the attribute: its kind decides how the engine writes a value; null for any text.</param>
    public static string SelectList(AudienceColumn column, ValueRule? rule)
    {
        var type = rule?.Type ?? AttributeType.Text;
        var raw = "q." + SqlText.Identifier(column.Name);
        if (column.IsFloat || column.IsDecimal)
        {
            return Numeric(raw, column, type);
        }
        if (type == AttributeType.Date && column.IsLocalTimestamp)
        {
            // A birthday kept as a timestamp: at midnight it is the date; any other time is not a date Herald can pick.
            var midnight = $"{raw} = date_trunc('day', {raw})";
            return $"""
                {Trimmed($"CASE WHEN {midnight} THEN CAST(CAST({raw} AS DATE) AS VARCHAR) ELSE CAST({raw} AS VARCHAR) END")} AS v,
                CASE WHEN {raw} IS NOT NULL AND NOT ({midnight}) THEN '{SetAsideReasons.InvalidDate}' END AS type_reason,
                CASE WHEN {midnight} THEN '{NormalizedKinds.MidnightTimestamp}' END AS normalized
                """;
        }
        var text = Trimmed($"CAST({raw} AS VARCHAR)");
        if (type == AttributeType.PhoneNumber)
        {
            var stripped = $"regexp_replace({text}, {SqlText.Literal(PhonePunctuation)}, '', 'g')";
            var fits = $"regexp_full_match({stripped}, {SqlText.Literal(rule!.Pattern)})";
            return $"""
                CASE WHEN {fits} THEN {stripped} ELSE {text} END AS v,
                NULL::VARCHAR AS type_reason,
                CASE WHEN {fits} AND {stripped} <> {text} THEN '{NormalizedKinds.PhonePunctuation}' END AS normalized
                """;
        }
        return $"{text} AS v, NULL::VARCHAR AS type_reason, NULL::VARCHAR AS normalized";
    }

    /// <summary>
    /// A float or decimal is never written in a form the user did not write (<c>42.0</c>, <c>1e+20</c>, <c>42.50</c>
    /// for an identifier): a whole number that the type holds exactly is written as that integer; otherwise a number
    /// attribute gets DuckDB's shortest text (its rule refuses an exponent) and any other attribute sets it aside.
    /// </summary>
    private static string Numeric(string raw, AudienceColumn column, AttributeType type)
    {
        var fits = column.LargestExactWhole is { } largest ? $" AND abs({raw}) <= {largest}" : "";
        var whole = column.IsFloat ? $"isfinite({raw}) AND {raw} = trunc({raw}){fits}" : $"{raw} = trunc({raw})";
        var asWritten = $"CAST({raw} AS VARCHAR)";
        var typeReason = type == AttributeType.Number
            ? "NULL::VARCHAR"
            : $"CASE WHEN {raw} IS NOT NULL AND NOT ({whole}) THEN '{SetAsideReasons.FractionalNumber}' END";
        return $"""
            CASE WHEN {whole} THEN CAST(CAST({raw} AS HUGEINT) AS VARCHAR) ELSE {asWritten} END AS v,
            {typeReason} AS type_reason,
            CASE WHEN {whole} AND CAST(CAST({raw} AS HUGEINT) AS VARCHAR) <> {asWritten} THEN '{NormalizedKinds.WholeNumber}' END AS normalized
            """;
    }

    /// <summary>
    /// The text without blanks or format characters at its ends. Most values start and end with a printable ASCII
    /// character and have nothing to trim: they skip the regular expression.
    /// </summary>
    private static string Trimmed(string text) =>
        $"CASE WHEN ord({text}[1]) BETWEEN 33 AND 126 AND ord({text}[-1]) BETWEEN 33 AND 126 THEN {text} " +
        $"ELSE regexp_replace({text}, {SqlText.Literal($"^{BlankClass}+|{BlankClass}+$")}, '', 'g') END";

    /// <summary>What the user can change in the query when the column's type made Herald rewrite or set aside values.</summary>
    public static string? NoteOn(AudienceColumn column, AttributeType type, IReadOnlyDictionary<string, long> setAside, IReadOnlyDictionary<string, long> normalized)
    {
        var name = column.Name;
        if ((column.IsFloat || column.IsDecimal) && type != AttributeType.Number)
        {
            var written = normalized.GetValueOrDefault(NormalizedKinds.WholeNumber);
            var refused = setAside.GetValueOrDefault(SetAsideReasons.FractionalNumber);
            if (written + refused > 0)
            {
                return $"The column '{name}' is {column.EngineType}, a number type for the text attribute '{name}': " +
                       $"{written:N0} whole numbers were written as integers (without '.0') and {refused:N0} values with a fraction were set aside. " +
                       $"Cast the column in the query to say how it is written, e.g. CAST({name} AS BIGINT) AS {name} or CAST({name} AS VARCHAR) AS {name}.";
            }
        }
        if (type == AttributeType.Date && (column.IsLocalTimestamp || column.IsZonedTimestamp) && setAside.GetValueOrDefault(SetAsideReasons.InvalidDate) > 0)
        {
            return $"The column '{name}' is {column.EngineType}, but the date attribute '{name}' takes a date (YYYY-MM-DD): " +
                   $"values with a time of day were set aside. Cast it to DATE in the query: CAST({name} AS DATE) AS {name}.";
        }
        return null;
    }
}
