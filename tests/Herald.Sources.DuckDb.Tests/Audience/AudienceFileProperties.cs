using System.Globalization;
using System.Text;
using CsCheck;
using DuckDB.NET.Data;
using Herald.Core.Audiences;
using Herald.Sources.DuckDb.Tests.Sample;

namespace Herald.Sources.DuckDb.Tests.Audience;

/// <summary>
/// For any text a query returns, the file DuckDB writes holds, line by line, exactly the value the user meant (the
/// text without blanks or invisible format characters around it), or the value is set aside and counted: a
/// one-column reader that splits on '\n' and unquotes nothing reads back every value sent.
/// </summary>
public sealed class AudienceFileProperties : IDisposable
{
    /// <summary>
    /// The pieces generated values are made of: plain text, what CSV writers quote or readers split on, blanks and
    /// format characters of several kinds, control characters, and letters beyond ASCII (a surrogate pair stays whole).
    /// </summary>
    private static readonly string[] Pieces =
    [
        "a", "Z", "7", "@", ".", "#", ";", "'", "-", "+", " ", "é", "中", "😀",
        ",", "\"", "\n", "\r", "\t", "\u001B", "\u007F", "\u0085",
        "\u00A0", "\u200B", "\uFEFF", "\u2060", "\u2028", "\u2029", "\u3000", "\u200D",
    ];

    private static readonly Gen<string> Text = Gen.OneOf(Pieces).Array[0, 6].Select(string.Concat);

    private readonly string _directory = SampleDatabase.NewDirectory();
    private int _next;

    [Fact]
    public void AnyText_ForATextAttribute_IsReadBackExactlyAsMeantOrSetAside() =>
        Text.Array[1, 12].Sample(values =>
        {
            var (file, counts) = Build(values);

            var meant = values.Select(Meant).Where(v => v.Length > 0 && OneColumnReaderReadsBack(v)).Distinct(StringComparer.Ordinal).ToList();
            ReadOneColumn(file).ShouldBe(meant, ignoreOrder: true);
            counts.ValuesSent.ShouldBe(meant.Count);
            (counts.ValuesSent + counts.EmptyValues + counts.DuplicateValues + counts.SetAsideTotal).ShouldBe(values.Length);
            file.Take(3).ShouldNotBe(Encoding.UTF8.Preamble.ToArray(), "the file never starts with a byte-order mark");
        }, iter: 40, threads: 1);

    [Fact]
    public void AnyText_ThatIsSetAside_SaysWhy() =>
        Text.Array[1, 12].Sample(values =>
        {
            var (_, counts) = Build(values);

            var setAside = values.Select(Meant).Where(v => v.Length > 0 && !OneColumnReaderReadsBack(v)).Distinct(StringComparer.Ordinal).Count();
            counts.SetAsideTotal.ShouldBe(setAside);
            counts.SetAside.Keys.ShouldAllBe(reason => reason == SetAsideReasons.LineBreak || reason == SetAsideReasons.ControlCharacter
                || reason == SetAsideReasons.Comma || reason == SetAsideReasons.Quote);
        }, iter: 20, threads: 1);

    /// <summary>The value as the user meant it: blanks and invisible format characters around it are not part of it.</summary>
    private static string Meant(string value)
    {
        var start = 0;
        var end = value.Length;
        while (start < end && IsBlankOrFormat(value[start]))
        {
            start++;
        }
        while (end > start && IsBlankOrFormat(value[end - 1]))
        {
            end--;
        }
        return value[start..end];
    }

    private static bool IsBlankOrFormat(char c) => char.IsWhiteSpace(c) || CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.Format;

    /// <summary>A value a one-column CSV reader cannot read back as written, or that holds a character no attribute means.</summary>
    private static bool OneColumnReaderReadsBack(string value) => !value.Any(c => char.IsControl(c) || c is ',' or '"');

    private static List<string> ReadOneColumn(byte[] file) =>
        [.. new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(file).Split('\n').Where(line => line.Length > 0)];

    private (byte[] File, AudienceCounts Counts) Build(string[] values)
    {
        var name = $"values-{Interlocked.Increment(ref _next)}";
        var database = Path.Combine(_directory, name + ".duckdb");
        using (var connection = new DuckDBConnection($"Data Source={database}"))
        {
            connection.Open();
            using (var command = connection.CreateCommand())
            {
                command.CommandText = "CREATE TABLE Audience (uuid VARCHAR)";
                command.ExecuteNonQuery();
            }
            using var appender = connection.CreateAppender("Audience");
            foreach (var value in values)
            {
                appender.CreateRow().AppendValue(value).EndRow();
            }
        }
        var output = Path.Combine(_directory, name + ".csv");
        var source = new DuckDbAudienceSource(new DuckDbSourceOptions { DatabasePath = database, TempDirectory = Path.Combine(_directory, "tmp"), Threads = 1 });
        var counts = source.BuildAsync(new AudienceQuery("SELECT uuid FROM Audience", "uuid"), output, CancellationToken.None).GetAwaiter().GetResult();
        var bytes = File.ReadAllBytes(output);
        File.Delete(database);
        File.Delete(output);
        return (bytes, counts);
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);
}
