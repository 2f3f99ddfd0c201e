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
    private readonly CancellationTokenSource _deadline;
    private readonly CancellationToken _caller;
    private readonly TimeSpan _timeout;

    private readonly CancellationTokenSource _timer;
    private readonly string _spillDirectory;

    private DuckDbSession(DuckDBConnection connection, string spillDirectory, TimeSpan timeout, TimeProvider clock, CancellationToken caller)
    {
        _connection = connection;
        _spillDirectory = spillDirectory;
        _timeout = timeout;
        _caller = caller;
        _timer = new CancellationTokenSource(timeout, clock);
        _deadline = CancellationTokenSource.CreateLinkedTokenSource(caller, _timer.Token);
    }

    /// <summary>
    /// Opens the customer 360 inside DuckDB's sandbox: the query can read the customer 360 and files under
    /// <see cref="DuckDbSourceOptions.AllowedDirectories"/>, and Herald can write <paramref name="outputPath"/> only.
    /// </summary>
    /// <param name="outputPath">The one file this session may write (a <c>COPY ... TO</c> with <c>USE_TMP_FILE false</c>), or null.</param>
    /// <param name="cancellationToken">A closed request or a cancelled run: interrupts DuckDB mid-query.</param>
    public static DuckDbSession Open(DuckDbSourceOptions options, string? outputPath, CancellationToken cancellationToken)
    {
        if (!File.Exists(options.DatabasePath))
        {
            throw new AudienceRejectedException($"The customer 360 database '{options.DatabasePath}' does not exist (Herald:Source:DuckDbPath).");
        }
        // DuckDB lets a query read its own temp_directory: a folder per session keeps every other query's spill out of reach.
        var spillDirectory = Path.Combine(options.TempDirectory, Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(spillDirectory);
        var connection = new DuckDBConnection("Data Source=:memory:");
        connection.Open();
        var session = new DuckDbSession(connection, spillDirectory, options.QueryTimeout, options.Clock, cancellationToken);
        try
        {
            session.Execute($"SET memory_limit = {SqlText.Literal(options.MemoryLimit)}");
            session.Execute($"SET temp_directory = {SqlText.Literal(spillDirectory)}");
            session.Execute($"SET max_temp_directory_size = {SqlText.Literal(options.MaxTempDirectorySize)}");
            // Order is not needed for a set of values; dropping it lets DuckDB stream with less memory.
            session.Execute("SET preserve_insertion_order = false");
            if (options.Threads > 0)
            {
                session.Execute($"SET threads = {options.Threads}");
            }
            // The sandbox, in the order DuckDB requires (docs/security.md): what may be read or written first,
            // no extension fetched or loaded behind Herald's back, then the customer 360, then the doors shut.
            session.Execute($"SET allowed_directories = {ListOf(options.AllowedDirectories.Select(DirectoryWithSeparator))}");
            session.Execute($"SET allowed_paths = {ListOf(outputPath is null ? [options.DatabasePath] : [options.DatabasePath, outputPath])}");
            session.Execute("SET autoinstall_known_extensions = false");
            session.Execute("SET autoload_known_extensions = false");
            session.Execute("SET allow_community_extensions = false");
            session.Execute($"ATTACH {SqlText.Literal(options.DatabasePath)} AS {Catalog} (READ_ONLY)");
            session.Execute($"USE {Catalog}");
            session.Execute("SET enable_external_access = false");
            session.Execute("SET lock_configuration = true");
            return session;
        }
        catch
        {
            session.Dispose();
            throw;
        }
    }

    /// <summary>Runs a statement; a timeout or a cancellation interrupts DuckDB (see <see cref="Interruptible{T}"/>).</summary>
    public void Execute(string sql) => Interruptible(command =>
    {
        command.CommandText = sql;
        return command.ExecuteNonQuery();
    });

    /// <summary>Reads a query's rows; the reader's command is interrupted by a timeout or a cancellation while it is read.</summary>
    public T Query<T>(string sql, Func<DuckDBDataReader, T> read) => Interruptible(command =>
    {
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        return read(reader);
    });

    /// <summary>
    /// Streams a query's rows one by one while the caller reads them; a timeout or a cancellation interrupts DuckDB
    /// mid-read, and the read surfaces as the same refusal or cancellation as <see cref="Query{T}"/>.
    /// </summary>
    public IEnumerable<T> Stream<T>(string sql, Func<DuckDBDataReader, T> read)
    {
        _deadline.Token.ThrowIfCancellationRequested();
        using var command = _connection.CreateCommand();
        using var interrupt = _deadline.Token.Register(command.Cancel);
        command.CommandText = sql;
        using var reader = Interruptible(_ => command.ExecuteReader());
        while (Interruptible(_ => reader.Read()))
        {
            yield return read(reader);
        }
    }

    /// <summary>
    /// Runs one command that <see cref="DuckDBCommand.Cancel"/> interrupts when the deadline passes or the caller
    /// goes away, so that a query nobody waits for stops using a core. The caller's cancellation surfaces as
    /// <see cref="OperationCanceledException"/>; the deadline as a refusal naming Herald:Source:QueryTimeout.
    /// </summary>
    private T Interruptible<T>(Func<DuckDBCommand, T> run)
    {
        _deadline.Token.ThrowIfCancellationRequested();
        using var command = _connection.CreateCommand();
        using var interrupt = _deadline.Token.Register(command.Cancel);
        try
        {
            return run(command);
        }
        catch (DuckDBException) when (_deadline.IsCancellationRequested)
        {
            _caller.ThrowIfCancellationRequested();
            throw new AudienceRejectedException(
                $"The query ran longer than {_timeout:c} and was stopped (Herald:Source:QueryTimeout). Narrow the query, or raise the setting.");
        }
        catch (OperationCanceledException) when (!_caller.IsCancellationRequested)
        {
            throw new AudienceRejectedException(
                $"The query ran longer than {_timeout:c} and was stopped (Herald:Source:QueryTimeout). Narrow the query, or raise the setting.");
        }
    }

    private static string DirectoryWithSeparator(string directory) =>
        Path.EndsInDirectorySeparator(directory) ? directory : directory + Path.DirectorySeparatorChar;

    private static string ListOf(IEnumerable<string> values) => "[" + string.Join(", ", values.Select(SqlText.Literal)) + "]";

    /// <summary>
    /// Refuses anything but one SELECT. DuckDB's own parser decides: <c>json_serialize_sql</c> serializes
    /// only SELECT statements, so DROP, INSERT, CREATE, ATTACH, COPY, SET, PRAGMA and friends are refused
    /// by the same grammar that would run them.
    /// </summary>
    /// <returns>The parsed statement as DuckDB serializes it (its <c>node</c>), for <see cref="SqlLineage"/>.</returns>
    public JsonElement RequireSingleSelect(string sql)
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
        return root.GetProperty("statements")[0].GetProperty("node").Clone();
    }

    public void Dispose()
    {
        _connection.Dispose();
        _deadline.Dispose();
        _timer.Dispose();
        try
        {
            Directory.Delete(_spillDirectory, recursive: true);
        }
        catch (IOException)
        {
            // Spill files are removed by DuckDB itself when the connection closes; an empty folder left behind holds nothing.
        }
    }
}
