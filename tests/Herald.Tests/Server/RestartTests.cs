using Dapper;
using Herald.Core.Audiences;
using Herald.Core.Runs;
using Herald.Core.Updates;
using Herald.Server.Api;
using Herald.Storage.Files;
using Herald.Storage.Sqlite;
using Herald.Tests.Shared;
using Herald.Tests.Support;
using Microsoft.Data.Sqlite;

namespace Herald.Tests.Server;

/// <summary>
/// Herald stops while a run is in each of its steps; after start-up the run continues from its stored
/// state and its segment is submitted exactly once.
/// </summary>
public sealed class RestartTests : IAsyncLifetime
{
    private HeraldHarness _harness = null!;
    private DestinationView _destination = null!;

    public async Task InitializeAsync()
    {
        _harness = await HeraldHarness.StartAsync();
        _destination = await _harness.Api.AddDestinationWithCredentialAsync("Survives restarts");
    }

    public async Task DisposeAsync() => await _harness.DisposeAsync();

    [Theory]
    [InlineData(RunState.Queued)]
    [InlineData(RunState.Building)]
    public async Task Run_StoppedBeforeItsFileWasBuilt_IsBuiltAndSubmittedOnceAfterStartUp(RunState state)
    {
        var runId = Guid.Empty;
        await _harness.RestartAsync(whileStopped: async data =>
        {
            runId = await StoreRunAsync(data, run =>
            {
                if (state == RunState.Building)
                {
                    run.StartBuilding(DateTimeOffset.UtcNow);
                }
            }, leaseHeldByADeadWorker: true);
        });

        var run = await _harness.Api.WaitForAsync(runId);

        run.State.ShouldBe("succeeded", run.Reason);
        UploadsOf(_destination.SegmentName).ShouldBe(1);
    }

    [Fact]
    public async Task Run_StoppedWhileStaging_StagesTheBuiltFileAndSubmitsOnce()
    {
        var runId = Guid.Empty;
        await _harness.RestartAsync(whileStopped: async data =>
        {
            runId = await StoreRunAsync(data, run => run.Compared(DateTimeOffset.UtcNow, values: 2));
            await File.WriteAllTextAsync(RunFiles.Workspace(data).PartBuildPath(runId, 1), "a@example.com\nb@example.com\n");
        });

        var run = await _harness.Api.WaitForAsync(runId);

        run.State.ShouldBe("succeeded", run.Reason);
        _harness.Simulator.Segments.Single(s => s.Name == _destination.SegmentName).Values.Order().ShouldBe(["a@example.com", "b@example.com"]);
        UploadsOf(_destination.SegmentName).ShouldBe(1);
    }

    [Fact]
    public async Task Run_StoppedAfterItsSubmissionLeftButBeforeTheAnswerWasRecorded_IsNotSubmittedAgain()
    {
        // Insider One accepted the upload (it holds the segment) but Herald stopped before recording the 200.
        _harness.Simulator.SeedSegment("herald-demo", _destination.SegmentName, ["a@example.com"], createdInPanel: false, attributeName: "email");
        var runId = Guid.Empty;
        await _harness.RestartAsync(whileStopped: async data => runId = await StoreSubmissionInDoubtAsync(data));

        var run = await _harness.Api.WaitForAsync(runId, "awaiting_report");

        run.State.ShouldBe("awaiting_report", run.Reason);
        run.Reason.ShouldContain("not sent again");
        UploadsOf(_destination.SegmentName).ShouldBe(0);
    }

    [Fact]
    public async Task Run_StoppedBeforeItsSubmissionArrived_IsSubmittedOnceAfterStartUp()
    {
        var runId = Guid.Empty;
        await _harness.RestartAsync(whileStopped: async data => runId = await StoreSubmissionInDoubtAsync(data));

        var run = await _harness.Api.WaitForAsync(runId);

        run.State.ShouldBe("succeeded", run.Reason);
        run.History.ShouldContain(e => e.Reason.Contains("did not arrive"));
        UploadsOf(_destination.SegmentName).ShouldBe(1);
    }

    [Fact]
    public async Task Run_AwaitingItsReport_IsCompletedByACallbackAfterARestart()
    {
        _harness.Simulator.Faults.CallbackDelay = TimeSpan.FromSeconds(2);
        var started = await _harness.Api.SendAsync(_destination.Name, "SELECT email FROM Customer_360 WHERE loyalty_tier = 'gold'");
        (await _harness.Api.WaitForAsync(started.Id, "awaiting_report")).State.ShouldBe("awaiting_report");
        // Insider One has the file and is about to call back when Herald stops.
        await Eventually.TrueAsync(() => _harness.Simulator.Segments.Any(s => s.Name == _destination.SegmentName && s.State == "processed"),
            "Insider One has processed the segment");

        await _harness.RestartAsync();
        var run = await _harness.Api.WaitForAsync(started.Id);

        run.State.ShouldBe("succeeded", run.Reason);
        UploadsOf(_destination.SegmentName).ShouldBe(1);
    }

    private async Task<Guid> StoreSubmissionInDoubtAsync(string data)
    {
        var runId = Guid.NewGuid();
        var staged = await RunFiles.PublishAsync(data, runId, ["a@example.com"]);
        return await StoreRunAsync(data, run =>
        {
            run.Staged(staged, DateTimeOffset.UtcNow);
            run.BeginSubmission(1, DateTimeOffset.UtcNow);
        }, runId: runId);
    }

    private async Task<Guid> StoreRunAsync(string data, Action<Run> advance, bool leaseHeldByADeadWorker = false, Guid? runId = null)
    {
        var origin = new RunOrigin(_destination.Id, _destination.Name, _destination.CredentialId, null, null,
            "SELECT email FROM Customer_360 WHERE loyalty_tier = 'gold'", _destination.SegmentName, _destination.AttributeName, false, "test", SegmentUpdateMode.Replace);
        var run = new Run(runId ?? Guid.NewGuid(), origin, DateTimeOffset.UtcNow);
        advance(run);
        var database = new SqliteDatabase(Path.Combine(data, "herald.db"));
        await new SqliteRunStore(database).CreateAsync(run, CancellationToken.None);
        if (leaseHeldByADeadWorker)
        {
            await using var connection = new SqliteConnection($"Data Source={database.Path}");
            await connection.ExecuteAsync("UPDATE runs SET lease_owner = 'dead-worker', lease_expires_at = @past WHERE id = @id",
                new { past = DateTimeOffset.UtcNow.AddSeconds(-1).ToUnixTimeMilliseconds(), id = run.Id.ToString() });
        }
        return run.Id;
    }

    private int UploadsOf(string segmentName) =>
        _harness.Simulator.Requests.Count(r => r.Path.EndsWith("upload") && r.Status == 200 && r.Body.Contains(segmentName));
}
