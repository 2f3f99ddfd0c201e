using System.Globalization;
using System.Text.RegularExpressions;
using Herald.SnowflakeStandIn.Sql;

namespace Herald.SnowflakeStandIn.Engine;

/// <summary>
/// External stages over the stand-in's S3-compatible endpoint: <c>CREATE [OR REPLACE] STAGE [IF NOT EXISTS] name URL =
/// 's3://bucket/prefix/' ...</c> records where a stage points (credentials and integrations are accepted and ignored),
/// and <c>COPY INTO table FROM @stage[/path] FILE_FORMAT = (TYPE = PARQUET) MATCH_BY_COLUMN_NAME = CASE_INSENSITIVE</c>
/// loads the Parquet files under that path, matching columns by name as Snowflake does, through DuckDB's
/// <c>read_parquet</c> (DuckDB may read the stage folder and nothing else).
/// </summary>
internal sealed partial class StageCommands(string stageRoot)
{
    private readonly Lock gate = new();
    private readonly Dictionary<string, string> folders = new(StringComparer.Ordinal);

    /// <summary>Makes a stage as <c>CREATE OR REPLACE STAGE name URL = 'url'</c> would.</summary>
    /// <exception cref="ArgumentException">The name or URL is not one the stand-in takes.</exception>
    public void Add(string name, string url)
    {
        try
        {
            Create(SqlLexer.Split($"CREATE OR REPLACE STAGE {name} URL = '{url.Replace("'", "''", StringComparison.Ordinal)}'").Single());
        }
        catch (Exception exception) when (exception is StatementFailure or SqlSyntaxException or InvalidOperationException)
        {
            throw new ArgumentException($"StandInOptions.Stages[\"{name}\"]: {exception.Message}", "options");
        }
    }

    public ResultSet Create(SqlStatement statement)
    {
        var tokens = statement.Tokens;
        var replace = statement.StartsWith("CREATE", "OR", "REPLACE");
        var index = replace ? 4 : 2;
        var ifNotExists = index + 2 < tokens.Count && tokens[index].IsWord("IF") && tokens[index + 1].IsWord("NOT") && tokens[index + 2].IsWord("EXISTS");
        if (ifNotExists) index += 3;
        var name = QualifiedName.Read(tokens, ref index).Last;
        var url = tokens.Skip(index).SkipWhile(token => !token.IsWord("URL")).Skip(2).FirstOrDefault();
        if (url is not { Kind: SqlTokenKind.String } || S3Url().Match(url.Value) is not { Success: true } match)
        {
            throw StatementFailure.Compilation("the stand-in's stages need URL = 's3://<bucket>/<prefix>/' (an external stage).");
        }

        if (match.Groups["prefix"].Value.Split('/').Any(part => part is "." or ".."))
        {
            throw StatementFailure.Compilation("a stage URL's prefix may not hold '.' or '..' segments.");
        }

        var folder = Path.Combine(stageRoot, match.Groups["bucket"].Value, match.Groups["prefix"].Value.Replace('/', Path.DirectorySeparatorChar));
        lock (gate)
        {
            if (folders.ContainsKey(name) && !replace)
            {
                return ifNotExists
                    ? ResultSet.Status($"{name} already exists, statement succeeded.")
                    : throw new StatementFailure("002002", "42710", $"SQL compilation error:\nObject '{name}' already exists.");
            }

            folders[name] = folder;
        }

        return ResultSet.Status($"Stage area {name} successfully created.");
    }

    public ResultSet Copy(SqlStatement statement, SessionContext session, DuckDbEngine engine)
    {
        // COPY INTO <table> FROM @<stage>[/<path>] FILE_FORMAT = (TYPE = PARQUET) MATCH_BY_COLUMN_NAME = CASE_INSENSITIVE ...
        var tokens = statement.Tokens;
        var index = 2;
        var name = QualifiedName.Read(tokens, ref index).Parts;
        if (index + 1 >= tokens.Count || !tokens[index].IsWord("FROM") || !tokens[index + 1].IsSymbol("@"))
        {
            throw StatementFailure.Unsupported("COPY INTO other than FROM @<stage> (the stand-in loads from stages only)");
        }

        if (!Follows(tokens, "TYPE", "PARQUET") || !Follows(tokens, "MATCH_BY_COLUMN_NAME", "CASE_INSENSITIVE"))
        {
            throw StatementFailure.Unsupported("COPY INTO without FILE_FORMAT = (TYPE = PARQUET) and MATCH_BY_COLUMN_NAME = CASE_INSENSITIVE");
        }

        var start = tokens[index + 1].Start + 1;
        var end = start;
        while (end < statement.Text.Length && !char.IsWhiteSpace(statement.Text[end])) end++;
        var location = statement.Text[start..end];
        var slash = location.IndexOf('/', StringComparison.Ordinal);
        var stage = (slash < 0 ? location : location[..slash]).ToUpperInvariant();
        var path = slash < 0 ? "" : location[(slash + 1)..];
        string folder;
        lock (gate)
        {
            folder = folders.GetValueOrDefault(stage) ?? throw StatementFailure.DoesNotExist($"Stage '{stage}'");
        }

        if (path.Length > 0 && (!StagePath().IsMatch(path) || path.Split('/').Any(part => part is "." or "..")))
        {
            throw StatementFailure.Compilation($"the stage path '{Shorten(path)}' may hold letters, digits, '_', '-', '.' and '/' only.");
        }

        var target = Path.Combine(folder, path.Replace('/', Path.DirectorySeparatorChar));
        var files = File.Exists(target) ? [target]
            : Directory.Exists(target) ? Directory.EnumerateFiles(target, "*.parquet", SearchOption.AllDirectories).Order(StringComparer.Ordinal).ToList()
            : new List<string>();
        var columns = new[]
        {
            ResultColumn.Text("file"), ResultColumn.Text("status"), ResultColumn.Count("rows_parsed"), ResultColumn.Count("rows_loaded"),
        };
        if (files.Count == 0)
        {
            return ResultSet.Single(ResultColumn.Text("status"), "Copy executed with 0 files processed.");
        }

        var parts = new[] { session.Database, session.Schema }.Take(3 - name.Count).Concat(name).Select(DuckDbEngine.Quote);
        var rows = new List<string?[]>();
        long loaded = 0;
        foreach (var file in files)
        {
            var count = engine.ExecuteCount($"INSERT INTO {string.Join('.', parts)} BY NAME SELECT * FROM read_parquet(['{file.Replace("'", "''", StringComparison.Ordinal)}'])");
            loaded += count;
            var shown = Path.GetRelativePath(folder, file).Replace(Path.DirectorySeparatorChar, '/');
            rows.Add([$"{stage}/{shown}", "LOADED", Count(count), Count(count)]);
        }

        return new ResultSet(columns, [rows], new DmlStats(loaded, 0, 0));
    }

    private static bool Follows(IReadOnlyList<SqlToken> tokens, string option, string value) =>
        Enumerable.Range(0, Math.Max(0, tokens.Count - 2)).Any(i => tokens[i].IsWord(option) && tokens[i + 1].IsSymbol("=") && tokens[i + 2].IsWord(value));

    private static string Count(long count) => count.ToString(CultureInfo.InvariantCulture);

    private static string Shorten(string value) => value.Length <= 60 ? value : value[..60] + "...";

    [GeneratedRegex("^s3://(?<bucket>[a-z0-9][a-z0-9.-]{1,61}[a-z0-9])/(?<prefix>([A-Za-z0-9_.-]+/)*)$")]
    private static partial Regex S3Url();

    [GeneratedRegex("^[A-Za-z0-9_./-]{1,1024}$")]
    private static partial Regex StagePath();
}
