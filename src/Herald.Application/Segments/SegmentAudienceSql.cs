using Herald.Core.Audiences;
using Herald.Core.Catalog;

namespace Herald.Application.Segments;

/// <summary>
/// The SQL that turns a saved segment into an audience: the identity table's identifier column for every member of the
/// segment, named as the destination's attribute, so that the run's build, value rules, PII rule and counts take it as
/// any query. Every name is quoted here, whatever checked it before: a name can never become SQL.
/// </summary>
internal static class SegmentAudienceSql
{
    /// <summary>
    /// <c>SELECT c."column" AS "attribute" FROM identity AS c WHERE c.amperity_id IN (SELECT amperity_id FROM (segment))</c>:
    /// one row per member found in the identity table, however often the segment lists them.
    /// </summary>
    public static string Build(string segmentSql, string identityTable, string identifierColumn, string columnName) =>
        Select(segmentSql, identityTable, $"c.{Identifier(identifierColumn)} AS {Identifier(columnName)}");

    /// <summary>The given columns of the identity table for the segment's first <paramref name="maxRows"/> members, the key first.</summary>
    public static string Sample(string segmentSql, string identityTable, IReadOnlyList<string> columns) =>
        Select(segmentSql, identityTable, string.Join(", ", new[] { SavedSegment.KeyColumn }.Concat(columns).Select(c => $"c.{Identifier(c)}")));

    private static string Select(string segmentSql, string identityTable, string selectList) =>
        $"""
        SELECT {selectList}
        FROM {Table(identityTable)} AS c
        WHERE c.{Identifier(SavedSegment.KeyColumn)} IN (
            SELECT s.{Identifier(SavedSegment.KeyColumn)} FROM (
        {QueryText.WithoutTrailingTerminators(segmentSql)}
            ) AS s
        )
        """;

    /// <summary>A name in double quotes, a double quote inside doubled: standard SQL, as DuckDB, PostgreSQL and Snowflake read it.</summary>
    public static string Identifier(string name) => "\"" + name.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    private static string Table(string name) => string.Join(".", name.Split('.').Select(Identifier));
}
