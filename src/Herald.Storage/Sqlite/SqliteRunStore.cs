using System.Text.Json;
using System.Text.Json.Serialization;
using Dapper;
using Herald.Core.Ports;
using Herald.Core.Runs;

namespace Herald.Storage.Sqlite;

// Over 250 lines on purpose: one implementation of IRunStore, whose operations (versioned documents, leases, events,
// calls) share the runs tables and their SQL; each method is one statement or one transaction.

/// <param name="maxCallsPerRun">Calls recorded per run at most (Herald:Workers:MaxCallsPerRun): no caller can grow a run's history without bound.</param>
public sealed class SqliteRunStore(SqliteDatabase database, int maxCallsPerRun = 1000) : IRunStore
{
    private static readonly JsonSerializerOptions DocumentJson = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
    };

    private static readonly string InFlightStates =
        string.Join(", ", Enum.GetValues<RunState>().Where(s => !s.IsFinal()).Select(s => $"'{s.ToWireName()}'"));

    private static readonly string WorkerStates =
        string.Join(", ", Enum.GetValues<RunState>().Where(s => s.NeedsWorker()).Select(s => $"'{s.ToWireName()}'"));

    public async Task CreateAsync(Run run, CancellationToken cancellationToken)
    {
        await using var write = await database.OpenForWriteAsync(cancellationToken);
        var connection = write.Connection;
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var snapshot = run.ToSnapshot();
        await connection.ExecuteAsync(
            """
            INSERT INTO runs (id, destination_id, orchestration_id, state, started_by, created_at, updated_at, report_deadline, version, document)
            VALUES (@Id, @DestinationId, @OrchestrationId, @State, @StartedBy, @CreatedAt, @UpdatedAt, @ReportDeadline, 1, @Document)
            """,
            new
            {
                Id = run.Id.ToString(),
                DestinationId = run.Origin.DestinationId.ToString(),
                OrchestrationId = run.Origin.OrchestrationId?.ToString(),
                State = run.State.ToWireName(),
                run.Origin.StartedBy,
                CreatedAt = UnixTime.Ms(run.CreatedAt),
                UpdatedAt = UnixTime.Ms(run.UpdatedAt),
                ReportDeadline = run.ReportDeadline is { } d ? UnixTime.Ms(d) : (long?)null,
                Document = JsonSerializer.Serialize(snapshot with { Version = 1 }, DocumentJson),
            },
            transaction);
        await AppendEventsAsync(connection, transaction, run.Id, run.TakeUnsavedEvents());
        await transaction.CommitAsync(cancellationToken);
        run.MarkSaved(1);
    }

    public async Task<Run?> GetAsync(Guid id, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var document = await connection.QuerySingleOrDefaultAsync<DocumentRow>(
            "SELECT document AS Document, version AS Version FROM runs WHERE id = @id", new { id = id.ToString() });
        if (document is null)
        {
            return null;
        }
        var events = await connection.QueryAsync<EventRow>(
            "SELECT at AS At, state AS State, reason AS Reason FROM run_events WHERE run_id = @id ORDER BY seq",
            new { id = id.ToString() });
        return ToRun(document.Document, document.Version, events);
    }

    public async Task<bool> TrySaveAsync(Run run, CancellationToken cancellationToken)
    {
        await using var write = await database.OpenForWriteAsync(cancellationToken);
        var connection = write.Connection;
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var next = run.Version + 1;
        var snapshot = run.ToSnapshot() with { Version = next };
        var updated = await connection.ExecuteAsync(
            """
            UPDATE runs SET state = @State, updated_at = @UpdatedAt, report_deadline = @ReportDeadline,
                version = @Next, document = @Document
            WHERE id = @Id AND version = @Expected
            """,
            new
            {
                Id = run.Id.ToString(),
                State = run.State.ToWireName(),
                UpdatedAt = UnixTime.Ms(run.UpdatedAt),
                ReportDeadline = run.ReportDeadline is { } d ? UnixTime.Ms(d) : (long?)null,
                Next = next,
                Expected = run.Version,
                Document = JsonSerializer.Serialize(snapshot, DocumentJson),
            },
            transaction);
        if (updated != 1)
        {
            return false;
        }
        await AppendEventsAsync(connection, transaction, run.Id, run.TakeUnsavedEvents());
        await transaction.CommitAsync(cancellationToken);
        run.MarkSaved(next);
        return true;
    }

    public async Task<IReadOnlyList<Run>> ListAsync(RunQuery query, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var filters = new List<string>();
        if (query.State is { } state) filters.Add("state = @State");
        if (query.DestinationId is not null) filters.Add("destination_id = @DestinationId");
        if (query.OrchestrationId is not null) filters.Add("orchestration_id = @OrchestrationId");
        if (query.StartedBy is not null) filters.Add("started_by = @StartedBy");
        if (!string.IsNullOrWhiteSpace(query.Search)) filters.Add("(id LIKE @Search OR document LIKE @Search)");
        if (query.CreatedFrom is not null) filters.Add("created_at >= @CreatedFrom");
        if (query.CreatedBefore is not null) filters.Add("created_at < @CreatedBefore");
        // A test send is a run whose origin carries a sample size (RunOrigin.SampleSize), in the run's document.
        if (query.Sandbox is not null) filters.Add("json_extract(document, '$.origin.sandbox') = @Sandbox");
        if (query.Test is { } test) filters.Add($"json_extract(document, '$.origin.sampleSize') IS {(test ? "NOT " : "")}NULL");
        var where = filters.Count == 0 ? "" : "WHERE " + string.Join(" AND ", filters);
        var rows = await connection.QueryAsync<DocumentRow>(
            $"SELECT document AS Document, version AS Version FROM runs {where} ORDER BY seq DESC LIMIT @Limit OFFSET @Offset",
            new
            {
                State = query.State?.ToWireName(),
                DestinationId = query.DestinationId?.ToString(),
                OrchestrationId = query.OrchestrationId?.ToString(),
                query.StartedBy,
                query.Sandbox,
                Search = $"%{query.Search?.Trim()}%",
                Limit = Math.Clamp(query.Limit, 1, 1000),
                CreatedFrom = query.CreatedFrom is { } from ? UnixTime.Ms(from) : (long?)null,
                CreatedBefore = query.CreatedBefore is { } before ? UnixTime.Ms(before) : (long?)null,
                // Far enough back for any history a person pages through; a bound so one request cannot scan without end.
                Offset = Math.Clamp(query.Offset, 0, 100_000),
            });
        // Lists show summaries: the history is loaded only for a single run.
        return [.. rows.Select(r => ToRun(r.Document, r.Version, []))];
    }

    public async Task<Run?> TryClaimNextAsync(string worker, DateTimeOffset now, TimeSpan lease, CancellationToken cancellationToken)
    {
        await using var write = await database.OpenForWriteAsync(cancellationToken);
        var connection = write.Connection;
        var id = await connection.QuerySingleOrDefaultAsync<string?>(
            $"""
            UPDATE runs SET lease_owner = @Worker, lease_expires_at = @Until
            WHERE seq = (
                SELECT r.seq FROM runs r
                WHERE r.state IN ({WorkerStates})
                  AND (r.lease_expires_at IS NULL OR r.lease_expires_at < @Now)
                  AND NOT EXISTS (
                      SELECT 1 FROM runs earlier
                      WHERE earlier.destination_id = r.destination_id AND earlier.seq < r.seq
                        AND earlier.state IN ({InFlightStates}))
                ORDER BY r.seq LIMIT 1)
            RETURNING id
            """,
            new { Worker = worker, Now = UnixTime.Ms(now), Until = UnixTime.Ms(now + lease) });
        return id is null ? null : await GetAsync(Guid.Parse(id), cancellationToken);
    }

    public async Task<bool> RenewLeaseAsync(Guid runId, string worker, DateTimeOffset now, TimeSpan lease, CancellationToken cancellationToken)
    {
        await using var write = await database.OpenForWriteAsync(cancellationToken);
        var connection = write.Connection;
        var updated = await connection.ExecuteAsync(
            // A run that ended meanwhile (cancelled from the API or the UI) is not renewed: its worker stops, interrupting DuckDB.
            $"UPDATE runs SET lease_expires_at = @Until WHERE id = @Id AND lease_owner = @Worker AND state IN ({InFlightStates})",
            new { Id = runId.ToString(), Worker = worker, Until = UnixTime.Ms(now + lease) });
        return updated == 1;
    }

    public async Task ReleaseLeaseAsync(Guid runId, string worker, CancellationToken cancellationToken)
    {
        await using var write = await database.OpenForWriteAsync(cancellationToken);
        var connection = write.Connection;
        await connection.ExecuteAsync(
            "UPDATE runs SET lease_owner = NULL, lease_expires_at = NULL WHERE id = @Id AND lease_owner = @Worker",
            new { Id = runId.ToString(), Worker = worker });
    }

    public async Task<IReadOnlyList<Guid>> ListAwaitingReportPastDeadlineAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var ids = await connection.QueryAsync<string>(
            "SELECT id FROM runs WHERE state = @State AND report_deadline < @Now ORDER BY seq",
            new { State = RunState.AwaitingReport.ToWireName(), Now = UnixTime.Ms(now) });
        return [.. ids.Select(Guid.Parse)];
    }

    public async Task AppendCallAsync(Guid runId, RunCall call, CancellationToken cancellationToken)
    {
        await using var write = await database.OpenForWriteAsync(cancellationToken);
        var connection = write.Connection;
        await InsertCallAsync(connection, runId, call);
    }

    public async Task CountRepeatedCallAsync(Guid runId, RunCall call, CancellationToken cancellationToken)
    {
        await using var write = await database.OpenForWriteAsync(cancellationToken);
        var connection = write.Connection;
        var counted = await connection.ExecuteAsync(
            """
            UPDATE run_calls SET attempt = attempt + 1, at = @At
            WHERE seq = (SELECT seq FROM run_calls WHERE run_id = @RunId AND operation = @Operation AND outcome = @Outcome ORDER BY seq DESC LIMIT 1)
            """,
            new { RunId = runId.ToString(), At = UnixTime.Ms(call.At), call.Operation, call.Outcome });
        if (counted == 0)
        {
            await InsertCallAsync(connection, runId, call);
        }
    }

    private Task<int> InsertCallAsync(System.Data.Common.DbConnection connection, Guid runId, RunCall call) =>
        connection.ExecuteAsync(
            """
            INSERT INTO run_calls (run_id, at, operation, attempt, request, status, response, duration_ms, outcome)
            SELECT @RunId, @At, @Operation, @Attempt, @Request, @Status, @Response, @DurationMs, @Outcome
            WHERE (SELECT count(*) FROM run_calls WHERE run_id = @RunId) < @MaxCalls
            """,
            new { RunId = runId.ToString(), At = UnixTime.Ms(call.At), call.Operation, call.Attempt, call.Request, call.Status, call.Response, call.DurationMs, call.Outcome, MaxCalls = maxCallsPerRun });

    public async Task<IReadOnlyList<RunCall>> ListCallsAsync(Guid runId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<CallRow>(
            """
            SELECT at AS At, operation AS Operation, attempt AS Attempt, request AS Request, status AS Status,
                   response AS Response, duration_ms AS DurationMs, outcome AS Outcome
            FROM run_calls WHERE run_id = @id ORDER BY seq
            """,
            new { id = runId.ToString() });
        return [.. rows.Select(r => new RunCall(UnixTime.From(r.At), r.Operation, (int)r.Attempt, r.Request, r.Status is null ? null : (int)r.Status, r.Response, r.DurationMs, r.Outcome))];
    }

    private static async Task AppendEventsAsync(System.Data.Common.DbConnection connection, System.Data.Common.DbTransaction transaction, Guid runId, IReadOnlyList<RunEvent> events)
    {
        foreach (var entry in events)
        {
            await connection.ExecuteAsync(
                "INSERT INTO run_events (run_id, at, state, reason) VALUES (@RunId, @At, @State, @Reason)",
                new { RunId = runId.ToString(), At = UnixTime.Ms(entry.At), State = entry.State.ToWireName(), entry.Reason },
                transaction);
        }
    }

    private static Run ToRun(string document, long version, IEnumerable<EventRow> events)
    {
        var snapshot = JsonSerializer.Deserialize<RunSnapshot>(document, DocumentJson)
            ?? throw new InvalidDataException("A stored run is empty.");
        return new Run(
            snapshot with { Version = version },
            events.Select(e => new RunEvent(UnixTime.From(e.At), RunStateExtensions.ParseWireName(e.State), e.Reason)));
    }

    private sealed record DocumentRow(string Document, long Version);

    private sealed record EventRow(long At, string State, string Reason);

    private sealed record CallRow(long At, string Operation, long Attempt, string Request, long? Status, string? Response, long DurationMs, string Outcome);
}
