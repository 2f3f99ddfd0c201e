using Dapper;
using Herald.Core.Audiences;
using Herald.Core.Runs;
using Herald.Core.Updates;
using Herald.Storage.Sqlite;
using Herald.Storage.Sqlite.Migrations;

namespace Herald.Tests.Storage.Sqlite;

/// <summary>Numbered migrations: each applied once, in order, also when two instances start together; old documents upgraded.</summary>
public sealed class SqliteMigrationTests : IDisposable
{
    private static readonly DateTimeOffset Now = new(2026, 11, 30, 12, 0, 0, TimeSpan.Zero);
    private readonly SqliteScratch _scratch = new();

    [Fact]
    public async Task Migrate_ANewDatabase_AppliesEveryMigrationOnce_AndRecordsEachNumber()
    {
        var database = _scratch.Database;

        var first = await database.MigrateAsync(default);
        var second = await database.MigrateAsync(default);

        first.ShouldBe(SqliteMigrations.All.Count);
        second.ShouldBe(0);
        await using var connection = await database.OpenAsync(default);
        (await connection.QueryAsync<int>("SELECT number FROM schema_version ORDER BY number"))
            .ShouldBe(SqliteMigrations.All.Select(m => m.Number).Order());
    }

    [Fact]
    public async Task Migrate_ByTwoInstancesStartingTogether_AppliesEachMigrationOnce()
    {
        var applied = await Task.WhenAll(_scratch.Database.MigrateAsync(default), _scratch.Database.MigrateAsync(default));

        applied.Sum().ShouldBe(SqliteMigrations.All.Count);
    }

    [Fact]
    public async Task Migrate_ARunStoredBeforeParts_ReadsItBackWithItsOneSegmentAsPartOne_ThatReplaces()
    {
        var database = await MigratedThroughAsync(2);
        var runId = Guid.NewGuid();
        await using (var connection = await database.OpenAsync(default))
        {
            // A run awaiting its report, as Herald stored it before runs had parts and update modes.
            var document = $$$"""
                {"id":"{{{runId}}}","origin":{"destinationId":"{{{Guid.NewGuid()}}}","destinationName":"vip-emails","credentialId":"{{{Guid.NewGuid()}}}",
                 "orchestrationId":null,"orchestrationName":null,"query":"SELECT email FROM Customer_360","segmentName":"VIP customers",
                 "attributeName":"email","allowEmpty":false,"startedBy":"cli"},
                 "createdAt":"2026-11-30T12:00:00+00:00","updatedAt":"2026-11-30T12:00:00+00:00","state":"AwaitingReport","reason":"Waiting.",
                 "failure":null,"counts":{"rowsQueried":2,"valuesSent":2,"emptyValues":0,"duplicateValues":0,"setAside":{}},
                 "file":{"fileName":"{{{runId:N}}}.csv","bytes":30,"expiresAt":"2026-12-01T00:00:00+00:00"},
                 "submissionStartedAt":"2026-11-30T12:00:00+00:00","submittedAt":"2026-11-30T12:00:01+00:00",
                 "reportDeadline":"2026-11-30T13:00:01+00:00","report":null,"finishedAt":null,"version":1}
                """;
            await connection.ExecuteAsync(
                """
                INSERT INTO runs (id, destination_id, state, started_by, created_at, updated_at, report_deadline, version, document)
                VALUES (@id, 'd', 'awaiting_report', 'cli', 0, 0, 0, 1, @document)
                """, new { id = runId.ToString(), document });
        }

        await database.MigrateAsync(default);
        var run = await new SqliteRunStore(database).GetAsync(runId, default);

        run.ShouldNotBeNull();
        run.Origin.UpdateMode.ShouldBe(SegmentUpdateMode.Replace);
        var part = run.Parts.ShouldHaveSingleItem();
        (part.Number, part.SegmentName, part.Values).ShouldBe((1, "VIP customers", 2L));
        part.File.ShouldBe(new StagedFile($"{runId:N}.csv", 30, new DateTimeOffset(2026, 12, 1, 0, 0, 0, TimeSpan.Zero)));
        part.SubmittedAt.ShouldNotBeNull();
        run.ReceiveReport("VIP customers", 2, 0, 2, Now).ShouldBe(ReportOutcome.Recorded);
        run.State.ShouldBe(RunState.Succeeded);
    }

    [Fact]
    public async Task Migrate_UploadsStoredBeforeLayouts_KeepsTheLastUploadsLayoutPerSegment_HoweverManyRunsFailedSince()
    {
        var database = await MigratedThroughAsync(3);
        var runs = new SqliteRunStore(database);
        var destination = Guid.NewGuid();
        var split = NewRun(destination);
        split.StartBuilding(Now);
        split.CompleteBuild(new AudienceCounts(4, 4, 0, 0, new Dictionary<string, long>()), Now);
        split.CompleteComparison(null, [new SegmentPart(1, "VIP customers 1/2", null, 2, null), new SegmentPart(2, "VIP customers 2/2", null, 2, null)], Now);
        split.CompleteStaging([new StagedFile(StagedFileNames.Of(split.Id, 1, 2), 1, Now), new StagedFile(StagedFileNames.Of(split.Id, 2, 2), 1, Now)], Now);
        split.BeginSubmission(1, Now);
        await runs.CreateAsync(split, default);
        for (var i = 0; i < 3; i++)
        {
            var failed = NewRun(destination);
            failed.Fail(FailureKind.Audience, "The query returned no values.", Now);
            await runs.CreateAsync(failed, default);
        }

        await database.MigrateAsync(default);
        var layout = await new SqliteSegmentLayoutStore(database).FindAsync(destination, "VIP customers", default);

        layout.ShouldNotBeNull();
        layout.Segments.ShouldBe(["VIP customers 1/2", "VIP customers 2/2"]);
        layout.RunId.ShouldBe(split.Id);
    }

    [Fact]
    public async Task Migrate_SessionsAndHandOversStoredBefore20_SessionsAdoptTheirUser_AndACredentialKeepsWhoAskedForIt()
    {
        var database = await MigratedThroughAsync(19);
        var catalog = new SqliteCatalogStore(database, new Herald.Storage.Secrets.SecretProtector(_scratch.Keys));
        var credential = new Herald.Core.Catalog.Credential(Guid.NewGuid(), "handed", "insiderone",
            Herald.InsiderOne.InsiderOneCredentialSettings.Document("brand"), null, Now, Now);
        await catalog.SaveCredentialAsync(credential, Herald.InsiderOne.InsiderOneCredentialSettings.Secrets("token"), default);
        await using (var connection = await database.OpenAsync(default))
        {
            await connection.ExecuteAsync("INSERT INTO ui_sessions (id, expires_at) VALUES ('old-session', @Later)", new { Later = Now.AddHours(1).ToUnixTimeMilliseconds() });
            await connection.ExecuteAsync(
                """
                INSERT INTO handover_links (id, credential_name, plugin, token_hash, requested_by, created_at, expires_at, used_at)
                VALUES (@Id, 'handed', 'insiderone', 'hash', 'operator', @Asked, @Expires, @Used)
                """,
                new { Id = Guid.NewGuid().ToString(), Asked = Now.AddHours(-2).ToUnixTimeMilliseconds(), Expires = Now.AddHours(22).ToUnixTimeMilliseconds(), Used = Now.ToUnixTimeMilliseconds() });
        }

        await database.MigrateAsync(default);

        var sessions = new SqliteUiSessions(database);
        var owner = Guid.NewGuid();
        (await sessions.IsActiveAsync("old-session", owner, Now, default)).ShouldBeTrue("the first request adopts the user its cookie names");
        (await sessions.IsActiveAsync("old-session", Guid.NewGuid(), Now, default)).ShouldBeFalse("a session belongs to one user only");
        (await sessions.EndSessionsOfAsync(owner, null, default)).ShouldBe(1);
        (await new SqliteHandoverStore(database).FindHandoverOfAsync(credential.Id, default))
            .ShouldBe(new Herald.Core.Catalog.CredentialHandover(credential.Id, "operator", Now.AddHours(-2), Now));
    }

    public void Dispose() => _scratch.Dispose();

    private async Task<SqliteDatabase> MigratedThroughAsync(int number)
    {
        var database = _scratch.Database;
        await using var write = await database.OpenForWriteAsync(default);
        await SqliteMigrator.MigrateAsync(write.Connection, [.. SqliteMigrations.All.Where(m => m.Number <= number)], default);
        return database;
    }

    private static Run NewRun(Guid destinationId) =>
        new(Guid.NewGuid(), new RunOrigin(destinationId, "vip-emails", Guid.NewGuid(), null, null,
            "SELECT email FROM Customer_360", "VIP customers", "email", false, "test", SegmentUpdateMode.Replace, AllowSplit: true), Now);
}
