using Herald.Server.Api;

namespace Herald.Server.Web.Display;

/// <summary>
/// What a person looking at a failed or cancelled run should do next, with the pages that do it. The
/// API's own next step (<see cref="ApiViews.NextStepOf"/>) is shown beside it for the command line.
/// </summary>
/// <param name="RunOrchestration">The orchestration a succeeded test send tried: the page offers to run it for real; null otherwise.</param>
internal sealed record NextStep(string Advice, IReadOnlyList<NextStepLink> Links, bool OfferRunAgain, string? RunOrchestration = null)
{
    public static NextStep? For(RunView run, string? credentialName)
    {
        if (run is { IsTest: true, State: "succeeded", Orchestration: { } tested })
        {
            return new NextStep(
                $"The test sent {run.Counts?.ValuesUploaded ?? 0:N0} value(s) to its own segment \"{run.SegmentName}\"; the destination's segment was not touched. " +
                $"Check the test segment in InOne. Looks right: run it, to update the destination's segment with the whole audience.",
                [], false, tested.Name);
        }
        var destinationEdit = new NextStepLink("Edit the destination", $"/destinations/{Uri.EscapeDataString(run.Destination.Name)}/edit");
        var credentialEdit = credentialName is null ? null
            : new NextStepLink("Update the credential", $"/credentials/{Uri.EscapeDataString(credentialName)}/edit?returnTo={run.Id}");
        var queryEdit = run.Orchestration is { } orchestration
            ? new NextStepLink("Fix the query", $"/orchestrations/{Uri.EscapeDataString(orchestration.Name)}/edit")
            : null;
        return run.State switch
        {
            "failed" => run.Failure switch
            {
                "credential" => new NextStep(
                    "Insider One refused the credential. Update it (check the partner name, or paste a new API token), then run again.",
                    Only(credentialEdit), true),
                "destination" => new NextStep(
                    "Insider One refused the segment. Edit the destination (for example its segment name), then run again.",
                    [destinationEdit], true),
                "audience" => new NextStep(
                    "The query or its result cannot become an audience. Fix the query as the reason says, then run again.",
                    Only(queryEdit), true),
                // No comparison: the destination holds the segment but could not hand out its values, so the guard could not be checked.
                "shrink_guard" when run.Diff is null => new NextStep(
                    "Insider One holds the segment but Herald could not read its current values, so the shrink guard could not be checked and nothing was uploaded. " +
                    "Retry the run when Insider One serves the segment; if the audience is right and may replace whatever the segment holds, run again past the guard.",
                    Only(queryEdit), true),
                "shrink_guard" => new NextStep(
                    "The shrink guard stopped this update before anything was uploaded: it would remove more of the segment than the destination allows. " +
                    "Check the query and the sample of removed values; if the audience is right, run again past the guard.",
                    Only(queryEdit), true),
                "transient" => new NextStep(
                    "Insider One or the network kept failing after every retry. Nothing was submitted; retry the run when Insider One is reachable.",
                    [], true),
                "report_timeout" => new NextStep(
                    "Insider One accepted the segment but no report came in time. Check the segment in InOne, and that Insider One can reach Herald's public URL (Herald:PublicBaseUrl); a late report still completes this run.",
                    [], false),
                _ => new NextStep("Herald could not finish a step. Check the reason and Herald's settings, then run again.", [], true),
            },
            "cancelled" => new NextStep("The run was cancelled. Start a new run when ready.", [], true),
            _ => null,
        };
    }

    private static IReadOnlyList<NextStepLink> Only(NextStepLink? link) => link is null ? [] : [link];
}

internal sealed record NextStepLink(string Label, string Href);
