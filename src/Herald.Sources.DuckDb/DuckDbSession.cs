using System.Text.Json;
using DuckDB.NET.Data;
using Herald.Core.Audiences;

namespace Herald.Sources.DuckDb;

/// <summary>
/// One short-lived DuckDB connection for one query. The customer 360 is attached read-only to an
/// in-memory database, so DuckDB can keep its scratch tables and spill to disk without ever being able
/// to change the user's file, and the user's query sees the customer 360 as its default catalog.
/// </summary>
internal sealed class DuckDbSession : IDisposable
{
    private const string Catalog = "customer360";

    private readonly DuckDBConnection _connection;

    private DuckDbSession(DuckDBConnection connection) => _connection = connection;

    public static DuckDbSession Open(DuckDbSourceOptions options)
    {
        if (!File.Exists(options.DatabasePath))
        {
            throw new AudienceRejectedException($"The customer 360 database '{options.DatabasePath}' does not exist (Herald:Source:DuckDbPath).");
        }
        Directory.CreateDirectory(options.TempDirectory);
        var connection = new DuckDBConnection("Data Source=:memory:");
        connection.Open();
        var session = new DuckDbSession(connection);
        try
        {
            session.Execute($"SET memory_limit = {SqlText.Literal(options.MemoryLimit)}");
            session.Execute($"SET temp_directory = {SqlText.Literal(options.TempDirectory)}");
            // Order is not needed for a set of values; dropping it lets DuckDB stream with less memory.
            session.Execute("SET preserve_insertion_order = false");
            if (options.Threads > 0)
            {
                session.Execute($"SET threads = {options.Threads}");
            }
            session.Execute($"ATTACH {SqlText.Literal(options.DatabasePath)} AS {Catalog} (READ_ONLY)");
            session.Execute($"USE {Catalog}");
            return session;
        }
        catch
        {
            session.Dispose();
            throw;
        }
    }

    public void Execute(string sql)
    {
        using var command = _connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    public DuckDBDataReader Query(string sql)
    {
        var command = _connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteReader();
    }

    /// <summary>
    /// Refuses anything but one SELECT. DuckDB's own parser decides: <c>json_serialize_sql</c> serializes
    /// only SELECT statements, so DROP, INSERT, CREATE, ATTACH, COPY, SET, PRAGMA and friends are refused
    /// by the same grammar that would run them.
    /// </summary>
    public void RequireSingleSelect(string sql)
    {
        if (string.IsNullOrWhiteSpace(sql.Trim().TrimEnd(';')))
        {
            throw new AudienceRejectedException("The query is empty: write a SELECT that returns one column of values.");
        }
        using var command = _connection.CreateCommand();
        // The function takes a constant only, so the query goes in as a quoted literal.
        command.CommandText = $"SELECT json_serialize_sql({SqlText.Literal(sql)}::VARCHAR)";
        var json = (string)command.ExecuteScalar()!;
        using var parsed = JsonDocument.Parse(json);
        var root = parsed.RootElement;
        if (root.TryGetProperty("error", out var error) && error.GetBoolean())
        {
            var message = root.TryGetProperty("error_message", out var m) ? m.GetString() : "not a query";
            if (message is not null && message.Contains("Only SELECT statements", StringComparison.OrdinalIgnoreCase))
            {
                throw new AudienceRejectedException(
                    "Herald runs read-only queries only: the query must be one SELECT (or WITH ... SELECT). " +
                    "Statements that write or change the database (DROP, INSERT, CREATE, ATTACH, COPY ... TO, SET) are refused; nothing was run.");
            }
            throw new AudienceRejectedException($"The query is not valid SQL: {message}");
        }
        var statements = root.GetProperty("statements").GetArrayLength();
        if (statements != 1)
        {
            throw new AudienceRejectedException($"The query holds {statements} statements; give exactly one SELECT.");
        }
    }

    public void Dispose() => _connection.Dispose();
}
