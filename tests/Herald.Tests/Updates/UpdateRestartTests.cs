using System.Net.Http.Json;
using Dapper;
using Herald.Core.Audiences;
using Herald.Core.Runs;
using Herald.Core.Updates;
using Herald.Server.Api;
using Herald.Storage.Files;
using Herald.Storage.Sqlite;
using Herald.Tests.Support;
using Microsoft.Data.Sqlite;

namespace Herald.Tests.Updates;

/// <summary>
/// Herald stops in the middle of an update: the comparison runs again, and a submission in doubt is settled by
/// asking Insider One (for a segment that existed before, by looking for the run's values in it), never by guessing.
/// </summary>
public sealed class UpdateRestartTests : IAsyncLifetime
{
    private HeraldHarness _harness = null!;
    private DestinationView _destination = null!;

    public async Task InitializeAsync()
    {
        _harness = await HeraldHarness.StartAsync();
        _destination = await _harness.Api.AddDestinationWithCredentialAsync("Restarted update");
        var first = await _harness.Api.SendAndWaitAsync(_destination.Name, Members.Query(0, 10));
        first.State.ShouldBe("succeeded", first.Reason);
    }

    public async Task DisposeAsync() => await _harness.DisposeAsync();

    [Fact]
    public async Task Update_StoppedWhileComparing_ComparesAgainAndUploadsOnce()
    {
        var runId = Guid.NewGuid();
        await _harness.RestartAsync(whileStopped: async data =>
        {
            await File.WriteAllTextAsync(RunFiles.Workspace(data).PrepareBuildPath(runId), string.Join("", Members.Emails(0, 12).Select(v => v + "\n")));
            await StoreAsync(data, runId, run =>
            {
                run.StartBuilding(DateTimeOffset.UtcNow);
                run.CompleteBuild(new AudienceCounts(12, 12, 0, 0, new Dictionary<string, long>()), DateTimeOffset.UtcNow);
            });
        });

        var run = await _harness.Api.WaitForAsync(runId);

        run.State.ShouldBe("succeeded", run.Reason);
        (run.Diff!.Added, run.Diff.Removed, run.Diff.Kept).ShouldBe((2, 0, 10));
        Uploads().ShouldBe(2);
        Values().ShouldBe(Members.Emails(0, 12), ignoreOrder: true);
    }

    [Fact]
    public async Task Update_StoppedAfterItsSubmissionLeft_IsNotSentAgainWhenInsiderOneHoldsItsValues()
    {
        // Insider One received and processed the update, but Herald stopped before recording the 200.
        _harness.Simulator.SeedSegment("herald-demo", _destination.SegmentName, Members.Emails(0, 12), createdInPanel: false, attributeName: "email");
        var runId = Guid.NewGuid();
        await _harness.RestartAsync(whileStopped: data => StoreSubmissionInDoubtAsync(data, runId));

        var run = await _harness.Api.WaitForAsync(runId, "awaiting_report");

        run.State.ShouldBe("awaiting_report", run.Reason);
        run.Reason.ShouldContain("holding exactly this run's values");
        Uploads().ShouldBe(1, "only the first run's upload");
        run.Calls.ShouldContain(c => c.Operation == "download segment");
    }

    [Fact]
    public async Task Update_StoppedBeforeItsSubmissionArrived_IsSubmittedOnceAfterStartUp()
    {
        var runId = Guid.NewGuid();
        await _harness.RestartAsync(whileStopped: data => StoreSubmissionInDoubtAsync(data, runId));

        var run = await _harness.Api.WaitForAsync(runId);

        run.State.ShouldBe("succeeded", run.Reason);
        run.History.ShouldContain(e => e.Reason.Contains("submitting again"));
        Uploads().ShouldBe(2);
        Values().ShouldBe(Members.Emails(0, 12), ignoreOrder: true);
    }

    [Fact]
    public async Task ShrinkingUpdate_After201FailedRuns_IsStillStoppedByTheShrinkGuard()
    {
        // The segment holds 10 members since the first send; then 201 runs fail before uploading anything.
        await _harness.RestartAsync(whileStopped: async data =>
        {
            for (var i = 0; i < 201; i++)
            {
                await StoreAsync(data, Guid.NewGuid(), run => run.Fail(FailureKind.Audience, "The query returned no values to send.", DateTimeOffset.UtcNow));
            }
        });

        var shrinking = await _harness.Api.SendAndWaitAsync(_destination.Name, Members.Query(0, 2));

        shrinking.State.ShouldBe("failed", shrinking.Reason);
        shrinking.Failure.ShouldBe("shrink_guard");
        (shrinking.Diff!.Removed, shrinking.Diff.Kept).ShouldBe((8, 2));
        Values().Count.ShouldBe(10, "the segment is untouched");
        Uploads().ShouldBe(1);
    }

    [Fact]
    public async Task DataDirectory_FromBeforeUpdates_KeepsItsDestinationsWhichReplaceWithoutSplitting()
    {
        await _harness.RestartAsync(whileStopped: async data =>
        {
            // The catalog as Herald created it before segment updates, before numbered migrations and layouts: the
            // partner name, the token and the segment as columns (as before migration 7), no update columns.
            await using var connection = new SqliteConnection($"Data Source={Path.Combine(data, "herald.db")}");
            await connection.ExecuteAsync(
                """
                PRAGMA foreign_keys = OFF;
                CREATE TABLE credentials_before (
                    id TEXT PRIMARY KEY, name TEXT NOT NULL UNIQUE, plugin TEXT NOT NULL, partner_name TEXT NOT NULL, description TEXT,
                    token_ciphertext BLOB NOT NULL, created_at INTEGER NOT NULL, updated_at INTEGER NOT NULL);
                INSERT INTO credentials_before
                    SELECT c.id, c.name, c.plugin, json_extract(c.settings, '$.partnerName'), c.description, s.ciphertext, c.created_at, c.updated_at
                    FROM credentials c JOIN credential_secrets s ON s.credential_id = c.id AND s.name = 'api-token';
                CREATE TABLE destinations_before (
                    id TEXT PRIMARY KEY, name TEXT NOT NULL UNIQUE, credential_id TEXT NOT NULL REFERENCES credentials(id), segment_name TEXT NOT NULL,
                    attribute_name TEXT NOT NULL, description TEXT, created_at INTEGER NOT NULL, updated_at INTEGER NOT NULL);
                INSERT INTO destinations_before
                    SELECT id, name, credential_id, json_extract(settings, '$.segmentName'), json_extract(settings, '$.attributeName'),
                        description, created_at, updated_at
                    FROM destinations;
                DROP TABLE credential_secrets;
                DROP TABLE destinations;
                DROP TABLE credentials;
                ALTER TABLE credentials_before RENAME TO credentials;
                ALTER TABLE destinations_before RENAME TO destinations;
                DROP TABLE schema_version;
                DROP TABLE segment_layouts;
                """);
            (await connection.QueryAsync<string>("SELECT name FROM pragma_table_info('destinations')")).ShouldNotContain("update_mode");
        });

        var destination = await _harness.Api.Http.GetFromJsonAsync<DestinationView>($"/api/destinations/{_destination.Name}", HeraldApi.Json);
        var run = await _harness.Api.SendAndWaitAsync(_destination.Name, Members.Query(0, 11));

        destination!.UpdateMode.ShouldBe("replace");
        destination.AllowSplit.ShouldBeFalse();
        destination.ShrinkGuardShare.ShouldBeNull();
        run.State.ShouldBe("succeeded", run.Reason);
        (run.Diff!.Added, run.Diff.Removed, run.Diff.Kept).ShouldBe((1, 0, 10));
    }

    /// <summary>An update of the existing segment (members 0 to 9) to members 0 to 11, recorded as leaving but not as accepted.</summary>
    private async Task StoreSubmissionInDoubtAsync(string data, Guid runId)
    {
        var staged = await RunFiles.PublishAsync(data, runId, Members.Emails(0, 12));
        await StoreAsync(data, runId, run =>
        {
            var now = DateTimeOffset.UtcNow;
            run.StartBuilding(now);
            run.CompleteBuild(new AudienceCounts(12, 12, 0, 0, new Dictionary<string, long>()), now);
            var diff = new SegmentDiff(2, 0, 10);
            run.CompleteComparison(new SegmentComparison(SegmentUpdateMode.Replace, diff, [_destination.SegmentName], [], HasSample: false, Forced: false),
                [new SegmentPart(1, _destination.SegmentName, ExistedBefore: true, 12, diff)], now);
            run.CompleteStaging([staged], now);
            run.BeginSubmission(1, now);
        });
    }

    private async Task StoreAsync(string data, Guid runId, Action<Run> advance)
    {
        var origin = new RunOrigin(_destination.Id, _destination.Name, _destination.CredentialId, null, null,
            Members.Query(0, 12), _destination.SegmentName, _destination.AttributeName, false, "test", SegmentUpdateMode.Replace);
        var run = new Run(runId, origin, DateTimeOffset.UtcNow);
        advance(run);
        await new SqliteRunStore(new SqliteDatabase(Path.Combine(data, "herald.db"))).CreateAsync(run, CancellationToken.None);
    }

    private IReadOnlyList<string> Values() => _harness.Simulator.Segments.Single(s => s.Name == _destination.SegmentName).Values;

    private int Uploads() =>
        _harness.Simulator.Requests.Count(r => r.Path.EndsWith("upload") && r.Status == 200 && r.Body.Contains(_destination.SegmentName));
}
