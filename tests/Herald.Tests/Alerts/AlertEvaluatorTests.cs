using System.ComponentModel.DataAnnotations;
using Herald.Application.Alerts;
using Herald.Core.Alerts;
using Herald.Core.Runs;
using Herald.Storage.Secrets;
using Herald.Storage.Sqlite;
using Herald.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace Herald.Tests.Alerts;

/// <summary>
/// Which finished run raises which alert, against the real SQLite store: each kind of trouble under its own kind, the
/// same trouble never twice in a row, a success after trouble a recovery; rules see only their own subjects and kinds.
/// </summary>
public sealed class AlertEvaluatorTests : IAsyncLifetime
{
    private static readonly Guid Orchestration = Guid.NewGuid();
    private static readonly Guid Destination = Guid.NewGuid();
    private readonly TestDirectory _directory = new("alert-evaluator");
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 11, 30, 6, 0, 0, TimeSpan.Zero));
    private SqliteAlertStore _store = null!;
    private AlertEvaluator _evaluator = null!;

    public async Task InitializeAsync()
    {
        var database = new SqliteDatabase(_directory.File("herald.db"));
        await database.MigrateAsync(CancellationToken.None);
        _store = new SqliteAlertStore(database, new SecretProtector(new byte[32]));
        _evaluator = new AlertEvaluator(_store, new AlertSignal(), _clock, NullLogger<AlertEvaluator>.Instance);
    }

    public Task DisposeAsync()
    {
        _directory.Dispose();
        return Task.CompletedTask;
    }

    [Fact]
    public async Task EachTrouble_AlertsUnderItsOwnKind_TheSameTroubleAgainDoesNot_AndASuccessRecovers()
    {
        var rule = await AddRuleAsync("all", AlertScope.Global, null, AlertKinds.All);

        await FinishAsync(Failed(FailureKind.ShrinkGuard));
        await FinishAsync(Failed(FailureKind.ReportTimeout));
        await FinishAsync(Failed(FailureKind.ReportTimeout));
        await FinishAsync(Succeeded(invalid: 500, total: 1000));
        await FinishAsync(Succeeded(invalid: 500, total: 1000));
        await FinishAsync(Succeeded(invalid: 0, total: 1000));
        await FinishAsync(Succeeded(invalid: 0, total: 1000));

        var events = (await _store.ListDeliveriesAsync(rule.Id, 50, CancellationToken.None)).Reverse().Select(d => d.Message.EventType);
        events.ShouldBe(["shrink-guard", "report-late", "invalid-share", "recovered"]);
    }

    [Fact]
    public async Task InvalidShare_AlertsOnlyAboveTheRulesThreshold()
    {
        var rule = await AddRuleAsync("strict", AlertScope.Orchestration, Orchestration, [AlertKind.InvalidShareHigh], threshold: 0.01);

        await FinishAsync(Succeeded(invalid: 10, total: 1000));
        await FinishAsync(Succeeded(invalid: 20, total: 1000));

        var deliveries = await _store.ListDeliveriesAsync(rule.Id, 50, CancellationToken.None);
        deliveries.ShouldHaveSingleItem().Message.Kind.ShouldBe(AlertKind.InvalidShareHigh);
        deliveries[0].Message.Text.ShouldContain("20 of 1,000");
    }

    [Fact]
    public async Task RuleWatchingOneKind_IgnoresTheOthers_AndStillSendsTheRecovery()
    {
        var rule = await AddRuleAsync("failures", AlertScope.Destination, Destination, [AlertKind.RunFailed]);

        await FinishAsync(Failed(FailureKind.ShrinkGuard));
        await FinishAsync(Failed(FailureKind.Credential));
        await FinishAsync(Succeeded(invalid: 0, total: 10));

        var events = (await _store.ListDeliveriesAsync(rule.Id, 50, CancellationToken.None)).Reverse().Select(d => d.Message.EventType);
        events.ShouldBe(["run-failed", "recovered"]);
    }

    [Fact]
    public async Task RulesOnOtherSubjects_HearNothing_AndACancelChangesNothing()
    {
        var other = await AddRuleAsync("other", AlertScope.Orchestration, Guid.NewGuid(), AlertKinds.All);
        var mine = await AddRuleAsync("mine", AlertScope.Orchestration, Orchestration, AlertKinds.All);

        await FinishAsync(Failed(FailureKind.Transient));
        await FinishAsync(Cancelled());
        await FinishAsync(Failed(FailureKind.Transient));

        (await _store.ListDeliveriesAsync(other.Id, 50, CancellationToken.None)).ShouldBeEmpty();
        (await _store.ListDeliveriesAsync(mine.Id, 50, CancellationToken.None)).ShouldHaveSingleItem();
    }

    [Fact]
    public void Backoff_DoublesFromTheBaseDelay_UpToTheCap()
    {
        var settings = new AlertOptions { RetryBaseDelay = TimeSpan.FromSeconds(30), MaxRetryDelay = TimeSpan.FromMinutes(5) };

        Enumerable.Range(1, 6).Select(n => AlertDeliverer.Backoff(n, settings).TotalSeconds).ShouldBe([30, 60, 120, 240, 300, 300]);
    }

    [Fact]
    public void Settings_OutOfRange_AreRefusedNamingTheSetting()
    {
        var settings = new AlertOptions { MaxAttempts = 0, SendTimeout = TimeSpan.Zero, MaxResponseBytes = 10 };

        var problems = settings.Validate(new ValidationContext(settings)).Select(p => p.ErrorMessage).ToList();

        problems.ShouldContain(p => p!.Contains("Herald:Alerts:MaxAttempts"));
        problems.ShouldContain(p => p!.Contains("Herald:Alerts:SendTimeout"));
        problems.ShouldContain(p => p!.Contains("Herald:Alerts:MaxResponseBytes"));
    }

    private async Task<AlertRule> AddRuleAsync(string name, AlertScope scope, Guid? subject, IReadOnlyList<AlertKind> kinds, double? threshold = null)
    {
        var rule = new AlertRule(Guid.NewGuid(), name, scope, subject, null, kinds, threshold, AlertChannelKind.Webhook,
            new Uri("https://hooks.example.com/herald"), null, null, _clock.GetUtcNow());
        await _store.AddRuleAsync(rule, "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw6YmUH0nVT5A=", CancellationToken.None);
        return rule;
    }

    private async Task FinishAsync(Run run)
    {
        _clock.Advance(TimeSpan.FromMinutes(1));
        await _evaluator.OnRunFinishedAsync(run, CancellationToken.None);
    }

    private Run Failed(FailureKind failure) => Snapshot(RunState.Failed, failure, null);

    private Run Cancelled() => Snapshot(RunState.Cancelled, null, null);

    private Run Succeeded(long invalid, long total) =>
        Snapshot(RunState.Succeeded, null, new SegmentReport(total - invalid, invalid, total, _clock.GetUtcNow(), Late: false));

    private Run Snapshot(RunState state, FailureKind? failure, SegmentReport? report)
    {
        var origin = new RunOrigin(Destination, "dest-alerts", Guid.NewGuid(), Orchestration, "orch-alerts", "SELECT 1", "Alerts", "email", false, "test");
        var parts = report is null ? [] : new[] { new SegmentPart(1, "Alerts", true, report.Total, null, Report: report) };
        var now = _clock.GetUtcNow();
        return new Run(new RunSnapshot(Guid.NewGuid(), origin, now, now, state, $"Ended {state}.", failure, null, null, now, 1, parts), []);
    }
}
