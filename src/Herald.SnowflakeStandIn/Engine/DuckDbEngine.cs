using System.Globalization;
using DuckDB.NET.Data;
using Herald.SnowflakeStandIn.Sql;

namespace Herald.SnowflakeStandIn.Engine;

// Over 250 lines on purpose: one DuckDB connection, its sandbox and the transactions across a request's statements
// interlock; split, the order in which they are set up (which is what closes DuckDB to files) would be lost.

/// <summary>
/// One in-memory DuckDB standing in for the account's storage: each configured database is an attached catalog
/// with its schemas. Requests run one at a time (a request may hold a transaction across its statements), and
/// DuckDB is closed to files and extensions, so a statement reaches nothing outside its own tables.
/// </summary>
internal sealed partial class DuckDbEngine : IDisposable
{
    private readonly DuckDBConnection connection;
    private readonly SemaphoreSlim turn = new(1, 1);
    private readonly int partitionRows;
    private readonly int maxResultRows;

    /// <summary>From this many bound values on, a placeholder-only INSERT goes through the appender.</summary>
    private const int AppendedBindings = 1_000;

    /// <param name="stageRoot">The folder stages live in: the one place DuckDB may read files (<c>COPY INTO ... FROM @stage</c>).</param>
    public DuckDbEngine(IReadOnlyDictionary<string, List<string>> databases, int partitionRows, int maxResultRows, string stageRoot)
    {
        this.partitionRows = partitionRows;
        this.maxResultRows = maxResultRows;
        connection = new DuckDBConnection("DataSource=:memory:");
        connection.Open();
        foreach (var (database, schemas) in databases)
        {
            Execute($"ATTACH ':memory:' AS {Quote(database)}");
            foreach (var schema in schemas)
            {
                Execute($"CREATE SCHEMA {Quote(database)}.{Quote(schema)}");
            }
        }

        // Set before external access is turned off, which then allows only this folder.
        Execute($"SET allowed_directories = ['{Path.TrimEndingDirectorySeparator(stageRoot).Replace("'", "''", StringComparison.Ordinal)}/']");
        Execute("SET autoinstall_known_extensions = false");
        Execute("SET autoload_known_extensions = false");
        Execute("SET enable_external_access = false");
        Execute("SET threads = 1");
    }

    /// <summary>Waits for this request's turn; dispose the result to give it back.</summary>
    public async Task<IDisposable> TakeTurnAsync(CancellationToken cancellationToken)
    {
        await turn.WaitAsync(cancellationToken);
        return new Turn(turn);
    }

    public void Use(string database, string schema) => Execute($"USE {Quote(database)}.{Quote(schema)}");

    public bool Exists(string database, string schema, string? table)
    {
        using var command = connection.CreateCommand();
        command.CommandText = table is null
            ? "SELECT count(*) FROM duckdb_schemas() WHERE lower(database_name) = lower($1) AND ($2 = '' OR lower(schema_name) = lower($2))"
            : "SELECT count(*) FROM (SELECT database_name, schema_name, table_name AS name FROM duckdb_tables() UNION ALL SELECT database_name, schema_name, view_name FROM duckdb_views()) " +
              "WHERE lower(database_name) = lower($1) AND lower(schema_name) = lower($2) AND lower(name) = lower($3)";
        command.Parameters.Add(new DuckDBParameter(database));
        command.Parameters.Add(new DuckDBParameter(schema));
        if (table is not null)
        {
            command.Parameters.Add(new DuckDBParameter(table));
        }

        return Convert.ToInt64(command.ExecuteScalar(), CultureInfo.InvariantCulture) > 0;
    }

    /// <summary>Runs one translated statement DuckDB understands and shapes its answer as Snowflake's.</summary>
    public ResultSet Run(TranslatedStatement statement, IReadOnlyList<BoundValue> bindings)
    {
        try
        {
            if (statement.Kind == StatementKind.Insert && bindings.Count >= AppendedBindings && PlaceholderInsert.Match(statement.Original) is { } shape)
            {
                var appended = InsertThroughAppender(shape.Target, shape.Width, bindings);
                return ResultSet.Single(ResultColumn.Count("number of rows inserted"), Count(appended), new DmlStats(appended, 0, 0));
            }

            using var command = connection.CreateCommand();
            command.CommandText = statement.DuckDbText;
            foreach (var binding in bindings)
            {
                command.Parameters.Add(new DuckDBParameter(ValueOf(binding) ?? DBNull.Value));
            }

            switch (statement.Kind)
            {
                case StatementKind.Query:
                    return ReadResult(command);
                case StatementKind.Insert:
                    var inserted = command.ExecuteNonQuery();
                    return ResultSet.Single(ResultColumn.Count("number of rows inserted"), Count(inserted), new DmlStats(inserted, 0, 0));
                case StatementKind.Delete or StatementKind.Truncate:
                    var deleted = command.ExecuteNonQuery();
                    return statement.Kind == StatementKind.Truncate
                        ? ResultSet.Status("Statement executed successfully.")
                        : ResultSet.Single(ResultColumn.Count("number of rows deleted"), Count(deleted), new DmlStats(0, 0, deleted));
                case StatementKind.Update:
                    var updated = command.ExecuteNonQuery();
                    return new ResultSet([ResultColumn.Count("number of rows updated"), ResultColumn.Count("number of multi-joined rows updated")],
                        [[[Count(updated), "0"]]], new DmlStats(0, updated, 0));
                case StatementKind.Merge:
                    // DuckDB reports one count for a MERGE; Snowflake splits it into inserted, updated and deleted.
                    var merged = command.ExecuteNonQuery();
                    return ResultSet.Single(ResultColumn.Count("number of rows merged"), Count(merged));
                default:
                    command.ExecuteNonQuery();
                    return ResultSet.Status("Statement executed successfully.");
            }
        }
        catch (DuckDBException exception)
        {
            throw DuckDbErrors.ToFailure(exception);
        }
    }

    /// <summary>Rows of bound text go through a scratch table of VARCHARs filled by the appender, then into the target
    /// with DuckDB's casts to the column types: what binding each value would do, without binding each value.</summary>
    private long InsertThroughAppender(string target, int width, IReadOnlyList<BoundValue> bindings)
    {
        var columns = Enumerable.Range(1, width).Select(i => $"c{i}").ToList();
        Execute($"CREATE OR REPLACE TEMP TABLE standin_rows ({string.Join(", ", columns.Select(column => column + " VARCHAR"))})");
        try
        {
            using (var appender = connection.CreateAppender("temp", "main", "standin_rows"))
            {
                for (var row = 0; row < bindings.Count; row += width)
                {
                    var appending = appender.CreateRow();
                    for (var i = row; i < row + width; i++)
                    {
                        appending = ValueOf(bindings[i]) is { } value
                            ? appending.AppendValue(Convert.ToString(value, CultureInfo.InvariantCulture))
                            : appending.AppendNullValue();
                    }

                    appending.EndRow();
                }
            }

            using var command = connection.CreateCommand();
            command.CommandText = $"INSERT INTO {target} SELECT {string.Join(", ", columns)} FROM temp.main.standin_rows";
            return command.ExecuteNonQuery();
        }
        finally
        {
            Execute("DROP TABLE IF EXISTS temp.main.standin_rows");
        }
    }

    /// <summary>Runs DuckDB SQL directly, for the stand-in's own inspection and bulk loading (never a client's text).</summary>
    public List<object?[]> Query(string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        var rows = new List<object?[]>();
        while (reader.Read())
        {
            var row = new object?[reader.FieldCount];
            for (var i = 0; i < row.Length; i++)
            {
                row[i] = reader.IsDBNull(i) ? null : reader.GetValue(i);
            }

            rows.Add(row);
        }

        return rows;
    }

    /// <summary>DuckDB's own parse tree of a statement, as JSON (<c>json_serialize_sql</c>): what a consumer's query reads.</summary>
    public string SerializeSql(string sql)
    {
        using var command = connection.CreateCommand();
        // json_serialize_sql takes a constant, not a parameter; the text goes in as a quoted literal.
        command.CommandText = "SELECT json_serialize_sql('" + sql.Replace("'", "''", StringComparison.Ordinal) + "')";
        return Convert.ToString(command.ExecuteScalar(), CultureInfo.InvariantCulture) ?? "{\"error\": true}";
    }

    /// <summary>Starts a session outside every configured database, where only fully qualified names resolve.</summary>
    public void UseNone() => Execute("USE memory.main");

    public DuckDBAppender CreateAppender(string database, string schema, string table) => connection.CreateAppender(database, schema, table);

    /// <summary>Runs the stand-in's own DML (never a client's text) and gives the rows it changed.</summary>
    public long ExecuteCount(string sql)
    {
        try
        {
            using var command = connection.CreateCommand();
            command.CommandText = sql;
            return command.ExecuteNonQuery();
        }
        catch (DuckDBException exception)
        {
            throw DuckDbErrors.ToFailure(exception);
        }
    }

    public void Execute(string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    public void Dispose()
    {
        // The turn's semaphore has no wait handle, so it needs no disposal; a turn still held may release it later.
        connection.Dispose();
    }

    public static string Quote(string identifier) => "\"" + identifier.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    private ResultSet ReadResult(DuckDBCommand command)
    {
        using var reader = command.ExecuteReader();
        var columns = Enumerable.Range(0, reader.FieldCount)
            .Select(i => JsonV2Cells.ColumnOf(reader.GetName(i), reader.GetDataTypeName(i), reader.GetFieldType(i)))
            .ToArray();
        var rows = new List<string?[]>();
        var scales = new int?[columns.Length];
        while (reader.Read())
        {
            if (rows.Count == maxResultRows)
            {
                throw StatementFailure.Execution($"the result has more than {maxResultRows:N0} rows, the stand-in's limit (StandInOptions.MaxResultRows).");
            }

            var row = new string?[columns.Length];
            for (var i = 0; i < row.Length; i++)
            {
                var value = reader.IsDBNull(i) ? null : reader.GetValue(i);
                if (value is decimal number && scales[i] is null)
                {
                    scales[i] = number.Scale;
                }

                row[i] = JsonV2Cells.Format(value, columns[i]);
            }

            rows.Add(row);
        }

        // DuckDB.NET does not always name a decimal's scale; the values carry it.
        var shaped = columns.Select((column, i) => column.Type == "fixed" && scales[i] is { } scale && column.Scale == 0 ? column with { Scale = scale } : column).ToList();
        return ResultSet.Of(shaped, rows, partitionRows);
    }

    private static object? ValueOf(BoundValue binding)
    {
        if (binding.Value is null)
        {
            return null;
        }

        try
        {
            return binding.Type switch
            {
                "FIXED" => decimal.Parse(binding.Value, NumberStyles.Float, CultureInfo.InvariantCulture),
                "REAL" => double.Parse(binding.Value, NumberStyles.Float, CultureInfo.InvariantCulture),
                "BOOLEAN" => bool.Parse(binding.Value),
                // TEXT, DATE, TIME and TIMESTAMP_* go as text; DuckDB casts to the column's type as Snowflake does.
                // Snowflake also reads "2026-11-30 10:00:00 +02:00"; DuckDB wants the offset without the space.
                _ => SpacedOffset().Replace(binding.Value, "$1$2"),
            };
        }
        catch (FormatException)
        {
            throw new StatementFailure("100038", "22018", $"Bind variable value '{Shorten(binding.Value)}' is not recognized as {binding.Type}.");
        }
    }

    private static string Shorten(string value) => value.Length <= 40 ? value : value[..40] + "...";

    private static string Count(long count) => count.ToString(CultureInfo.InvariantCulture);

    [System.Text.RegularExpressions.GeneratedRegex(@"^(\d{4}-\d{2}-\d{2}[ T][0-9:.]+) ([+-]\d{2}:?\d{2})$")]
    private static partial System.Text.RegularExpressions.Regex SpacedOffset();

    private sealed class Turn(SemaphoreSlim turn) : IDisposable
    {
        private int released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref released, 1) == 0)
            {
                turn.Release();
            }
        }
    }
}
