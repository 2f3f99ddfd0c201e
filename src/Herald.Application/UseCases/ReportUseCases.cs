using Herald.Application.Runs;
using Herald.Application.Runs.Steps;
using Herald.Core.Ports;
using Herald.Core.Runs;
using Herald.Core.Secrets;

namespace Herald.Application.UseCases;

/// <summary>
/// Receiving a destination's report on a submitted segment (Insider One's callback, insider-one.md section 3). The
/// adapter authenticates the callback and reads its body within bounds; here the report is matched to the run, applied
/// through the run's state machine, and recorded once (a replay is counted on the call it repeats, never stored again).
/// </summary>
internal sealed class ReportUseCases(IRunStore runs, RunAccounts accounts, RunUpdater updater, TimeProvider clock)
{
    /// <summary>Applies the report; refuses (not found) an unknown run and (invalid) a report about another segment.</summary>
    public async Task<UseCaseResult<ReportReceipt>> ReceiveAsync(Caller caller, Guid runId, ReceivedReport report, CancellationToken cancellationToken)
    {
        if (await runs.GetAsync(runId, cancellationToken) is not { } run)
        {
            return Refusal.NotFound("run", runId.ToString());
        }
        // The report names the segment: the run's one segment, or one of the parts of a split audience.
        if (run.Parts.Count == 0 ? report.SegmentName != run.Origin.SegmentName : run.FindPart(report.SegmentName) is null)
        {
            return Refusal.Rule("The callback is about another segment than this run's.");
        }

        var (updated, outcome) = await updater.UpdateAsync(runId,
            r => r.ReceiveReport(report.SegmentName, report.Valid, report.Invalid, report.Total, clock.GetUtcNow()), cancellationToken);
        var call = new RunCall(clock.GetUtcNow(), "callback", 1, await MaskedAsync(report.Body, run.Origin, cancellationToken),
            outcome == ReportOutcome.Impossible ? 400 : 200, null, 0, Describe(outcome));
        if (outcome is ReportOutcome.Recorded or ReportOutcome.RecordedLate)
        {
            await runs.AppendCallAsync(runId, call, cancellationToken);
        }
        else
        {
            await runs.CountRepeatedCallAsync(runId, call, cancellationToken);
        }
        var problem = outcome == ReportOutcome.Impossible
            ? updated.History.Last(e => e.Reason.StartsWith(Run.RefusedReportNote, StringComparison.Ordinal)).Reason
            : null;
        return new ReportReceipt(updated, outcome, problem);
    }

    // A callback may echo the token like any answer: the run records it without. Every secret the run sends with is
    // masked (production's, or the one entered in the run's sandbox), whatever it is called.
    private async Task<string> MaskedAsync(string body, RunOrigin origin, CancellationToken cancellationToken)
    {
        foreach (var secret in await accounts.SecretsOfAsync(origin, cancellationToken))
        {
            body = SecretRedaction.Redact(body, secret);
        }
        return body;
    }

    private static string Describe(ReportOutcome outcome) => outcome switch
    {
        ReportOutcome.Recorded => "recorded",
        ReportOutcome.RecordedLate => "recorded after the deadline",
        ReportOutcome.AlreadyFinal => "duplicate: the run was final already; nothing changed",
        ReportOutcome.Duplicate => "duplicate: this segment's report was recorded already; nothing changed",
        ReportOutcome.Conflicting => "different from the first report on this segment: noted in the history; the first report stands",
        ReportOutcome.UnknownSegment => "ignored: the run did not upload this segment",
        ReportOutcome.Impossible => "refused: the counts cannot be true; nothing changed",
        _ => "ignored: the run was not submitted",
    };
}
