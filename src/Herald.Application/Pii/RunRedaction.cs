using Herald.Core.Runs;

namespace Herald.Application.Pii;

/// <summary>
/// A run as a caller without pii:view sees it: quoted fragments of its reasons (a DuckDB error such as
/// <c>Could not convert string 'ann@example.com'</c>) hidden, except the run's own names, and the answers Insider One gave
/// left out, since Herald cannot tell which of their words are values.
/// </summary>
internal static class RunRedaction
{
    /// <summary>What a hidden answer of Insider One shows instead.</summary>
    public const string HiddenAnswer = "(hidden: your policy restricts personal data (PII), and Insider One's answers may quote values)";

    public static Run Redact(Run run)
    {
        var keep = NamesOf(run);
        var snapshot = run.ToSnapshot();
        return new Run(snapshot with { Reason = PiiRedaction.QuotedValuesHidden(snapshot.Reason, keep) },
            run.History.Select(e => e with { Reason = PiiRedaction.QuotedValuesHidden(e.Reason, keep) }));
    }

    public static RunCall Redact(RunCall call, Run run) =>
        call with { Response = call.Response is null ? null : HiddenAnswer, Outcome = PiiRedaction.QuotedValuesHidden(call.Outcome, NamesOf(run)) };

    // Names a person chose for Herald's own things: they identify no customer, and reasons quote them.
    private static IEnumerable<string> NamesOf(Run run) =>
        new[] { run.Origin.SegmentName, run.Origin.DestinationName, run.Origin.OrchestrationName, run.Origin.AttributeName, run.Origin.CredentialName }
            .OfType<string>().Concat(run.ToSnapshot().Parts.Select(p => p.SegmentName));
}
