using DuckDB.NET.Data;

namespace Herald.Benchmarks.Support;

/// <summary>Compares one-column CSV files as multisets of lines (order is not part of an audience), inside DuckDB.</summary>
public static class OneColumnFiles
{
    public sealed record Comparison(long LinesA, long LinesB, long OnlyInA, long OnlyInB)
    {
        public bool Same => LinesA == LinesB && OnlyInA == 0 && OnlyInB == 0;

        public override string ToString() => $"{LinesA:N0} and {LinesB:N0} lines; {OnlyInA:N0} only in the first, {OnlyInB:N0} only in the second";
    }

    public static Comparison Compare(string a, string b, string scratchDirectory)
    {
        using var connection = new DuckDBConnection("Data Source=:memory:");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = $"SET memory_limit = '2GB'; SET temp_directory = {Literal(Path.Combine(scratchDirectory, "compare.tmp"))}";
        command.ExecuteNonQuery();
        command.CommandText = $"""
            WITH a AS (SELECT v FROM {Lines(a)}), b AS (SELECT v FROM {Lines(b)})
            SELECT
                (SELECT count(*) FROM a),
                (SELECT count(*) FROM b),
                (SELECT count(*) FROM (SELECT v FROM a EXCEPT ALL SELECT v FROM b)),
                (SELECT count(*) FROM (SELECT v FROM b EXCEPT ALL SELECT v FROM a))
            """;
        using var reader = command.ExecuteReader();
        reader.Read();
        return new Comparison(reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2), reader.GetInt64(3));
    }

    /// <summary>Counts '\n'-terminated lines without reading the file into memory.</summary>
    public static long CountLines(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 20);
        var buffer = new byte[1 << 20];
        long lines = 0;
        int read;
        while ((read = stream.Read(buffer)) > 0)
        {
            lines += buffer.AsSpan(0, read).Count((byte)'\n');
        }
        return lines;
    }

    // Each line whole, as one VARCHAR: no delimiter, quote or escape character that could split or change it.
    private static string Lines(string path) =>
        $"read_csv({Literal(path)}, header = false, columns = {{'v': 'VARCHAR'}}, delim = '\u001f', quote = '', escape = '', auto_detect = false)";

    private static string Literal(string value) => "'" + value.Replace("'", "''") + "'";
}
