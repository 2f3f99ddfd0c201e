using Dapper;
using Herald.Core.Ports;
using Herald.Core.Schedules;
using Microsoft.Data.Sqlite;

namespace Herald.Storage.Sqlite;

/// <summary>Schedules in the <c>schedules</c> table and their claimed slots in <c>schedule_slots</c> (migration 8).</summary>
public sealed class SqliteScheduleStore(SqliteDatabase database) : IScheduleStore
{
    /// <summary>Slots kept per schedule; older ones are removed when a new one is claimed, so the history stays bounded.</summary>
    public const int SlotsKept = 500;

    private const string ScheduleColumns = """
        work_kind AS WorkKind, work_name AS WorkName, trigger_kind AS TriggerKind, cron AS Cron, time_zone AS TimeZone,
        after_kind AS AfterKind, after_name AS AfterName, state AS State, paused_reason AS PausedReason,
        active_since AS ActiveSince, last_slot_at AS LastSlotAt, updated_at AS UpdatedAt
        """;

    private const string SlotColumns = """
        work_kind AS WorkKind, work_name AS WorkName, slot_key AS SlotKey, slot_at AS SlotAt, claimed_at AS ClaimedAt,
        run_id AS RunId, outcome AS Outcome, detail AS Detail
        """;

    public async Task<IReadOnlyList<Schedule>> ListAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await ListAsync(connection, null);
    }

    /// <summary>Every schedule, or those of one kind of work, on a connection another store opened.</summary>
    internal static async Task<IReadOnlyList<Schedule>> ListAsync(SqliteConnection connection, string? workKind)
    {
        var rows = await connection.QueryAsync<ScheduleRow>(
            $"SELECT {ScheduleColumns} FROM schedules WHERE @workKind IS NULL OR work_kind = @workKind ORDER BY work_kind, work_name", new { workKind });
        return [.. rows.Select(r => r.ToSchedule())];
    }

    public async Task<Schedule?> FindAsync(ScheduledWork work, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<ScheduleRow>(
            $"SELECT {ScheduleColumns} FROM schedules WHERE work_kind = @Kind AND work_name = @Name", new { work.Kind, work.Name });
        return row?.ToSchedule();
    }

    public async Task SaveAsync(Schedule schedule, CancellationToken cancellationToken) =>
        await database.WriteAsync(connection => UpsertAsync(connection, null, schedule), cancellationToken);

    /// <summary>Saves within another store's write (a configuration applied), so the schedule changes with the catalog.</summary>
    internal static Task<int> UpsertAsync(SqliteConnection connection, SqliteTransaction? transaction, Schedule schedule) =>
        connection.ExecuteAsync(
            """
            INSERT INTO schedules (work_kind, work_name, trigger_kind, cron, time_zone, after_kind, after_name, state, paused_reason, active_since, last_slot_at, updated_at)
            VALUES (@WorkKind, @WorkName, @TriggerKind, @Cron, @TimeZone, @AfterKind, @AfterName, @State, @PausedReason, @ActiveSince, @LastSlotAt, @UpdatedAt)
            ON CONFLICT (work_kind, work_name) DO UPDATE SET trigger_kind = excluded.trigger_kind, cron = excluded.cron, time_zone = excluded.time_zone,
                after_kind = excluded.after_kind, after_name = excluded.after_name, state = excluded.state, paused_reason = excluded.paused_reason,
                active_since = excluded.active_since, last_slot_at = excluded.last_slot_at, updated_at = excluded.updated_at
            """,
            ScheduleRow.From(schedule), transaction);

    public async Task DeleteAsync(ScheduledWork work, CancellationToken cancellationToken) =>
        await database.WriteAsync(connection => DeleteAsync(connection, null, work), cancellationToken);

    /// <summary>Removes a schedule and its slots within another store's write.</summary>
    internal static Task<int> DeleteAsync(SqliteConnection connection, SqliteTransaction? transaction, ScheduledWork work) =>
        connection.ExecuteAsync(
            """
            DELETE FROM schedules WHERE work_kind = @Kind AND work_name = @Name;
            DELETE FROM schedule_slots WHERE work_kind = @Kind AND work_name = @Name;
            """, new { work.Kind, work.Name }, transaction);

    public async Task<bool> TryClaimAsync(ScheduleSlot slot, bool isCron, DateTimeOffset? previousCronSlot, CancellationToken cancellationToken)
    {
        await using var write = await database.OpenForWriteAsync(cancellationToken);
        var connection = write.Connection;
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var work = new { slot.Work.Kind, slot.Work.Name };
        if (isCron)
        {
            // Compare and set: another instance that counted from the same last slot and claimed first wins.
            var moved = await connection.ExecuteAsync(
                "UPDATE schedules SET last_slot_at = @At WHERE work_kind = @Kind AND work_name = @Name AND last_slot_at IS @Previous",
                new { slot.Work.Kind, slot.Work.Name, At = UnixTime.Ms(slot.At), Previous = previousCronSlot is { } p ? UnixTime.Ms(p) : (long?)null },
                transaction);
            if (moved != 1)
            {
                return false;
            }
        }
        var inserted = await connection.ExecuteAsync(
            """
            INSERT INTO schedule_slots (work_kind, work_name, slot_key, slot_at, claimed_at, run_id, outcome, detail)
            VALUES (@Kind, @Name, @Key, @At, @ClaimedAt, @RunId, @Outcome, @Detail)
            ON CONFLICT DO NOTHING
            """,
            new
            {
                slot.Work.Kind,
                slot.Work.Name,
                slot.Key,
                At = UnixTime.Ms(slot.At),
                ClaimedAt = UnixTime.Ms(slot.ClaimedAt),
                RunId = slot.RunId.ToString(),
                Outcome = Wire(slot.Outcome),
                slot.Detail,
            },
            transaction);
        if (inserted != 1)
        {
            return false;
        }
        await connection.ExecuteAsync(
            """
            DELETE FROM schedule_slots WHERE seq IN (
                SELECT seq FROM schedule_slots WHERE work_kind = @Kind AND work_name = @Name AND outcome <> 'claimed'
                ORDER BY seq DESC LIMIT -1 OFFSET @Kept)
            """,
            new { work.Kind, work.Name, Kept = SlotsKept }, transaction);
        await transaction.CommitAsync(cancellationToken);
        return true;
    }

    public async Task CompleteAsync(ScheduledWork work, string key, ScheduleSlotOutcome outcome, string detail, CancellationToken cancellationToken) =>
        await database.WriteAsync(connection => connection.ExecuteAsync(
            "UPDATE schedule_slots SET outcome = @Outcome, detail = @Detail WHERE work_kind = @Kind AND work_name = @Name AND slot_key = @Key",
            new { work.Kind, work.Name, Key = key, Outcome = Wire(outcome), Detail = detail }), cancellationToken);

    public async Task<IReadOnlyList<ScheduleSlot>> ListSlotsAsync(ScheduledWork work, int limit, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<SlotRow>(
            $"SELECT {SlotColumns} FROM schedule_slots WHERE work_kind = @Kind AND work_name = @Name ORDER BY seq DESC LIMIT @Limit",
            new { work.Kind, work.Name, Limit = Math.Clamp(limit, 1, SlotsKept) });
        return [.. rows.Select(r => r.ToSlot())];
    }

    public async Task<IReadOnlyList<ScheduleSlot>> ListUnfinishedClaimsAsync(DateTimeOffset claimedBefore, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<SlotRow>(
            $"SELECT {SlotColumns} FROM schedule_slots WHERE outcome = 'claimed' AND claimed_at < @Before ORDER BY seq LIMIT 100",
            new { Before = UnixTime.Ms(claimedBefore) });
        return [.. rows.Select(r => r.ToSlot())];
    }

    public async Task<ScheduleSlot?> FindSlotOfRunAsync(Guid runId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<SlotRow>(
            $"SELECT {SlotColumns} FROM schedule_slots WHERE run_id = @RunId", new { RunId = runId.ToString() });
        return row?.ToSlot();
    }

    private static string Wire<T>(T value) where T : struct, Enum => value.ToString().ToLowerInvariant();

    private static T Parse<T>(string text) where T : struct, Enum => Enum.Parse<T>(text, ignoreCase: true);

    private sealed record ScheduleRow(
        string WorkKind, string WorkName, string TriggerKind, string? Cron, string? TimeZone, string? AfterKind, string? AfterName,
        string State, string? PausedReason, long ActiveSince, long? LastSlotAt, long UpdatedAt)
    {
        public static ScheduleRow From(Schedule s) => new(
            s.Work.Kind, s.Work.Name, Wire(s.Trigger.Kind), s.Trigger.Cron, s.Trigger.TimeZone, s.Trigger.After?.Kind, s.Trigger.After?.Name,
            Wire(s.State), s.PausedReason, UnixTime.Ms(s.ActiveSince), s.LastSlotAt is { } last ? UnixTime.Ms(last) : null, UnixTime.Ms(s.UpdatedAt));

        public Schedule ToSchedule() => new(
            new ScheduledWork(WorkKind, WorkName),
            new ScheduleTrigger(Parse<ScheduleTriggerKind>(TriggerKind), Cron, TimeZone, AfterKind is null || AfterName is null ? null : new ScheduledWork(AfterKind, AfterName)),
            Parse<ScheduleState>(State), PausedReason, UnixTime.From(ActiveSince), LastSlotAt is { } last ? UnixTime.From(last) : null, UnixTime.From(UpdatedAt));
    }

    private sealed record SlotRow(string WorkKind, string WorkName, string SlotKey, long SlotAt, long ClaimedAt, string RunId, string Outcome, string Detail)
    {
        public ScheduleSlot ToSlot() => new(
            new ScheduledWork(WorkKind, WorkName), SlotKey, UnixTime.From(SlotAt), UnixTime.From(ClaimedAt), Guid.Parse(RunId), Parse<ScheduleSlotOutcome>(Outcome), Detail);
    }
}
