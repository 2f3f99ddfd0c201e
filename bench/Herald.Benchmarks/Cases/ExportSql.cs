namespace Herald.Benchmarks.Cases;

/// <summary>
/// What a skilled engineer runs by hand instead of Herald's build and stage steps: one DuckDB statement over
/// the same database, with the same trimming and the same validity rules for an email attribute
/// (Herald.InsiderOne.KnownAttributes and Herald.Core.Audiences.SetAsideReasons), so that it writes the same file.
/// </summary>
public static class ExportSql
{
    public const string Query = "SELECT email FROM Customer_360";

    /// <summary>The hand-written equivalent: distinct trimmed values that can be sent.</summary>
    public static string Equivalent(string outputPath, int? limit = null) => $"""
        COPY (
            SELECT DISTINCT v
            FROM (SELECT trim(email, ' ' || chr(9) || chr(10) || chr(13)) AS v FROM Customer_360)
            WHERE v <> ''
              AND NOT contains(v, chr(10)) AND NOT contains(v, chr(13))
              AND NOT contains(v, ',') AND NOT contains(v, '"')
              AND regexp_full_match(v, '^.+@.+\..+$')
            {(limit is { } n ? $"LIMIT {n}" : "")}
        ) TO {Literal(outputPath)} (FORMAT csv, HEADER false)
        """;

    /// <summary>
    /// The same file from a tuned statement: the rules folded into one regular expression that also refuses line
    /// breaks, commas and quotes, so that DuckDB evaluates one function per row instead of six.
    /// </summary>
    public static string Tuned(string outputPath) => $"""
        COPY (
            SELECT DISTINCT trim(email, E' \t\n\r') AS v
            FROM Customer_360
            WHERE regexp_full_match(trim(email, E' \t\n\r'), '^[^,"\r\n]+@[^,"\r\n]+\.[^,"\r\n]+$')
        ) TO {Literal(outputPath)} (FORMAT csv, HEADER false)
        """;

    /// <summary>The floor: the query's rows written as they come, with no rule at all.</summary>
    public static string Floor(string outputPath) => $"COPY ({Query}) TO {Literal(outputPath)} (FORMAT csv, HEADER false)";

    public static string Literal(string value) => "'" + value.Replace("'", "''") + "'";
}
