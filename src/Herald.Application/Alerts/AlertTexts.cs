using Herald.Core.Alerts;
using Herald.Core.Runs;

namespace Herald.Application.Alerts;

/// <summary>The sentences of alerts, from Herald's own facts only (names, ids, reasons, counts): never a segment's values or a secret.</summary>
internal static class AlertTexts
{
    public static string Subject(Run run) => run.Origin.OrchestrationName is { } orchestration
        ? $"orchestration '{orchestration}'"
        : $"destination '{run.Origin.DestinationName}'";

    public static string ForRun(AlertKind kind, Run run, double? threshold) => Cut(kind switch
    {
        AlertKind.InvalidShareHigh when run.Report is { } report =>
            $"Run {run.Id} sent to destination '{run.Origin.DestinationName}' succeeded, but Insider One found {report.Invalid:N0} of {report.Total:N0} values " +
            $"invalid ({Share(report):P1}, above the rule's {threshold:P1}). Check the attribute's values in the query.",
        _ => $"Run {run.Id} to destination '{run.Origin.DestinationName}' failed: {run.Reason}",
    });

    public static string Recovery(AlertKind from, Run run) =>
        Cut($"Run {run.Id} to destination '{run.Origin.DestinationName}' succeeded; the last alert was: {from.Headline().ToLowerInvariant()}.");

    public static string SchedulePaused(string orchestrationName, string reason) =>
        Cut($"The schedule of orchestration '{orchestrationName}' paused itself: {reason} Resume it once the cause is fixed.");

    public static string Test(string ruleName) => $"A test of alert rule '{ruleName}': if you read this, the channel works.";

    public static double Share(SegmentReport report) => report.Total == 0 ? 0 : (double)report.Invalid / report.Total;

    private static string Cut(string text) =>
        text.Length <= AlertRules.MaxMessageChars ? text : string.Concat(text.AsSpan(0, AlertRules.MaxMessageChars - 20), " … (cut short)");
}
