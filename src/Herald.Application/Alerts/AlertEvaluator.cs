using Herald.Application.Runs;
using Herald.Core.Alerts;
using Herald.Core.Ports;
using Herald.Core.Runs;

namespace Herald.Application.Alerts;

/// <summary>
/// Decides, for each rule that watches a finished run (or a paused schedule), whether its subject changed state, and
/// queues an alert only then: the first failure alerts, a repeat of the same failure does not, and a success after an
/// alert sends a recovery notice. The last state is kept in the store with the queued alert, so a restart does not re-alert.
/// </summary>
internal sealed class AlertEvaluator(IAlertStore store, AlertSignal signal, TimeProvider clock, ILogger<AlertEvaluator> logger)
    : IRunFinishedListener, ISchedulePauseAlerts
{
    /// <summary>The share of invalid values above which a rule watching <see cref="AlertKind.InvalidShareHigh"/> without a threshold alerts.</summary>
    public const double DefaultInvalidShareThreshold = 0.1;

    public async Task OnRunFinishedAsync(Run run, CancellationToken cancellationToken)
    {
        if (run.State == RunState.Cancelled)
        {
            return; // a person stopped it: neither a failure nor a recovery
        }
        foreach (var rule in await store.ListRulesAsync(cancellationToken))
        {
            if (SubjectOf(rule, run.Origin.OrchestrationId, run.Origin.DestinationId) is not { } subjectKey)
            {
                continue;
            }
            var condition = ConditionOf(rule, run);
            if (condition is { } kind && !rule.Watches(kind))
            {
                continue; // not this rule's business: its last state stands
            }
            var subject = AlertTexts.Subject(run);
            await TransitionAsync(rule, subjectKey, condition, previous => condition is { } raised
                ? new AlertMessage(raised, false, subject, run.Id, AlertTexts.ForRun(raised, run, Threshold(rule)), clock.GetUtcNow())
                : new AlertMessage(previous, true, subject, run.Id, AlertTexts.Recovery(previous, run), clock.GetUtcNow()), cancellationToken);
        }
    }

    public async Task SchedulePausedAsync(Guid orchestrationId, string orchestrationName, Guid destinationId, string reason, CancellationToken cancellationToken)
    {
        foreach (var rule in await store.ListRulesAsync(cancellationToken))
        {
            if (!rule.Watches(AlertKind.SchedulePaused) || SubjectOf(rule, orchestrationId, destinationId) is not { } subjectKey)
            {
                continue;
            }
            await TransitionAsync(rule, subjectKey, AlertKind.SchedulePaused, _ => new AlertMessage(AlertKind.SchedulePaused, false,
                $"orchestration '{orchestrationName}'", null, AlertTexts.SchedulePaused(orchestrationName, reason), clock.GetUtcNow()), cancellationToken);
        }
    }

    /// <param name="condition">The kind raised now, or null for "working".</param>
    /// <param name="message">The message, given the kind last alerted (for a recovery).</param>
    private async Task TransitionAsync(AlertRule rule, string subjectKey, AlertKind? condition, Func<AlertKind, AlertMessage> message, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var next = condition?.ToWireName() ?? AlertSubjects.Ok;
        var queued = await store.TransitionAsync(rule.Id, subjectKey, now, previous =>
        {
            if (previous == next)
            {
                return (next, null); // the same state again: said already
            }
            if (condition is null && !AlertKinds.TryParse(previous, out _))
            {
                return (next, null);
            }
            var text = message(condition ?? ParsePrevious(previous));
            return (next, new AlertDelivery(Guid.NewGuid(), rule.Id, text, AlertDeliveryState.Pending, now, now, []));
        }, cancellationToken);
        if (queued is not null)
        {
            logger.LogInformation("Alert rule {Rule} queued {Event} for {Subject}", rule.Name, queued.Message.EventType, subjectKey);
            signal.Pulse();
        }
    }

    private static AlertKind ParsePrevious(string previous) => AlertKinds.TryParse(previous, out var kind) ? kind : AlertKind.RunFailed;

    /// <summary>The key of the subject the rule watches this run under; null when the rule does not watch it.</summary>
    private static string? SubjectOf(AlertRule rule, Guid? orchestrationId, Guid destinationId) => rule.Scope switch
    {
        AlertScope.Orchestration when orchestrationId is { } id && id == rule.SubjectId => AlertSubjects.Orchestration(id),
        AlertScope.Destination when destinationId == rule.SubjectId => AlertSubjects.Destination(destinationId),
        AlertScope.Global => orchestrationId is { } id ? AlertSubjects.Orchestration(id) : AlertSubjects.Destination(destinationId),
        _ => null,
    };

    /// <summary>What the run says about its subject: the kind of trouble, or null when it worked.</summary>
    private static AlertKind? ConditionOf(AlertRule rule, Run run) => run.State switch
    {
        RunState.Failed => run.Failure switch
        {
            FailureKind.ReportTimeout => AlertKind.ReportLate,
            FailureKind.ShrinkGuard => AlertKind.ShrinkGuardStopped,
            _ => AlertKind.RunFailed,
        },
        _ when rule.Watches(AlertKind.InvalidShareHigh) && run.Report is { Total: > 0 } report && AlertTexts.Share(report) > Threshold(rule) =>
            AlertKind.InvalidShareHigh,
        _ => null,
    };

    private static double Threshold(AlertRule rule) => rule.InvalidShareThreshold ?? DefaultInvalidShareThreshold;
}
