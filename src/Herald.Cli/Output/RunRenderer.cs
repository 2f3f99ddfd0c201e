using Herald.Server.Api;
using Spectre.Console;

namespace Herald.Cli.Output;

/// <summary>
/// Shows runs to people (tables that reconcile Herald's counts with Insider One's report) and to
/// scripts (<c>--json</c>: the API's own JSON and nothing else on standard output).
/// </summary>
internal sealed class RunRenderer(CliContext context)
{
    private IAnsiConsole Console => context.Console;

    /// <summary>A run just accepted by the server, when the user does not wait for it.</summary>
    public void WriteStarted(RunView run)
    {
        context.WriteLine($"Run [bold]{run.Id}[/] is [bold]{run.State}[/]: {run.Reason}");
        context.WriteLine($"Follow it with: herald run show {run.Id}");
    }

    public void WriteRun(RunView run)
    {
        context.WriteMarkupLine($"Run [bold]{run.Id}[/]  {StateMarkup(run.State)}");
        context.WriteLine($"  {Describe(run)}");
        context.WriteLine($"  Started {Format.Time(run.CreatedAt)} by {run.StartedBy}");
        Console.WriteLine();
        Console.Write(Reconciliation(run));
        if (run.Diff is { } diff)
        {
            Console.Write(Difference(diff));
            if (diff.SampleAvailable)
            {
                // Not the table's caption: a caption is cut to the table's width, and the address is copied from here whole.
                context.WriteLine($"Sample of the values: GET /api/runs/{run.Id}/diff-sample");
            }
        }
        if (run.Parts is { Count: > 1 } parts)
        {
            Console.Write(Parts(parts));
        }

        if (RunOutcome.SegmentLeftUnchanged(run) is { } unchanged)
        {
            context.WriteLine($"{unchanged}");
        }
        if (run.State == "failed")
        {
            context.WriteLine($"[red]Failed:[/] {run.Reason}");
            if (!string.IsNullOrWhiteSpace(run.NextStep))
            {
                context.WriteLine($"[bold]Next step:[/] {run.NextStep}");
            }
        }
        else
        {
            context.WriteLine($"{run.Reason}");
            // A test send that succeeded says what comes next: look at the test segment, then run the orchestration.
            if (run.IsTest && !string.IsNullOrWhiteSpace(run.NextStep))
            {
                context.WriteLine($"[bold]Next step:[/] {run.NextStep}");
            }
        }
    }

    public void WriteRunList(IReadOnlyList<RunSummary> runs)
    {
        if (runs.Count == 0)
        {
            Console.WriteLine("No runs match.");
            return;
        }
        var table = new Table()
            .AddColumns("Id", "State", "Orchestration", "Destination", "Segment", "Started")
            .AddColumns(new TableColumn("Sent").RightAligned(), new TableColumn("Valid").RightAligned(), new TableColumn("Invalid").RightAligned());
        foreach (var run in runs)
        {
            table.AddRow(
                new Text(run.Id.ToString()),
                new Markup(StateMarkup(run.State)),
                new Text(run.Orchestration?.Name ?? "(send)"),
                new Text(run.Destination.Name),
                new Text(run.TestSampleSize is { } sample ? $"{run.SegmentName} (test of {Format.Count(sample)})" : run.SegmentName),
                new Text(Format.Time(run.CreatedAt)),
                new Text(run.Counts is { } counts ? Format.Count(counts.ValuesUploaded) : "-"),
                new Text(run.Report is { } report ? Format.Count(report.Valid) : "-"),
                new Text(run.Report is { } invalid ? Format.Count(invalid.Invalid) : "-"));
        }
        Console.Write(table);
    }

    public static string StateMarkup(string state) => state switch
    {
        "succeeded" => "[green]succeeded[/]",
        "failed" => "[red]failed[/]",
        "cancelled" => "[yellow]cancelled[/]",
        _ => $"[blue]{Markup.Escape(state)}[/]",
    };

    private static string Describe(RunView run)
    {
        var what = (run.Orchestration, run.TestSampleSize) switch
        {
            _ when run.Sandbox is { } sandbox => $"Orchestration {run.OrchestrationName} in sandbox {sandbox}" +
                (run.TestSampleSize is { } size ? $" (a test audience of at most {Format.Count(size)} value(s))" : ""),
            ({ } tested, { } sample) => $"Test send of {Format.Count(sample)} value(s) of orchestration {tested.Name}",
            ({ } orchestration, null) => $"Orchestration {orchestration.Name}",
            (null, { } sample) => $"Test send of {Format.Count(sample)} value(s)",
            _ => "Send",
        };
        return $"{what} to destination {run.Destination.Name}: segment \"{run.SegmentName}\" by {run.AttributeName}";
    }

    /// <summary>Herald's counts and Insider One's report side by side, in the order values flow, so that they add up.</summary>
    private static Table Reconciliation(RunView run)
    {
        var table = new Table().AddColumn("Step").AddColumn(new TableColumn("Values").RightAligned());
        if (run.Counts is { } counts)
        {
            table.AddRow("Rows queried", Format.Count(counts.RowsQueried));
            table.AddRow("Values planned", Format.Count(counts.ValuesSent));
            table.AddRow("Values sent", Format.Count(counts.ValuesUploaded));
            table.AddRow("Empty values dropped", Format.Count(counts.EmptyValues));
            table.AddRow("Duplicates removed", Format.Count(counts.DuplicateValues));
            if (counts.SetAside.Count == 0)
            {
                table.AddRow("Set aside", "0");
            }
            foreach (var (reason, count) in counts.SetAside.OrderByDescending(pair => pair.Value))
            {
                table.AddRow(new Text($"Set aside: {reason}"), new Text(Format.Count(count)));
            }
            // Rows Herald rewrote are among the rows queried, not in addition to them.
            foreach (var (kind, count) in (counts.Normalized ?? new Dictionary<string, long>()).OrderByDescending(pair => pair.Value))
            {
                table.AddRow(new Text($"Rows normalized: {kind}"), new Text(Format.Count(count)));
            }
        }
        else
        {
            table.AddRow("Rows queried", run.IsFinal ? "none" : "not yet");
        }

        if (run.Report is { } report)
        {
            table.AddRow("Insider One valid", Format.Count(report.Valid));
            table.AddRow("Insider One invalid", Format.Count(report.Invalid));
            table.AddRow("Insider One total", Format.Count(report.Total) + (report.Late ? " (late)" : ""));
        }
        else
        {
            table.AddRow("Insider One report", run.IsFinal ? "none" : "awaited");
        }

        if (TimeTaken(run) is { } taken)
        {
            table.AddRow("Time taken", Format.Duration(taken));
        }
        return table;
    }

    /// <summary>What the run changes in the segment, against what Insider One held before it.</summary>
    private static Table Difference(RunDiffView diff)
    {
        var table = new Table().AddColumn($"Segment ({diff.Mode})").AddColumn(new TableColumn("Values").RightAligned());
        table.AddRow("Held before", Format.Count(diff.Removed + diff.Kept));
        table.AddRow("[green]Added[/]", Format.Count(diff.Added));
        table.AddRow("[red]Removed[/]", Format.Count(diff.Removed));
        table.AddRow("Kept", Format.Count(diff.Kept));
        table.AddRow(diff.Applied ? "After the run" : "Planned after the run", Format.Count(diff.Added + diff.Kept));
        if (diff.Forced)
        {
            table.AddRow("Shrink guard", "passed with --force");
        }
        if (diff.SegmentsLeftBehind.Count > 0)
        {
            table.AddRow("No longer updated", Markup.Escape(string.Join(", ", diff.SegmentsLeftBehind)));
        }
        return table;
    }

    private static Table Parts(IReadOnlyList<RunPartView> parts)
    {
        var table = new Table().AddColumn("Part").AddColumns(
            new TableColumn("Values").RightAligned(), new TableColumn("Added").RightAligned(), new TableColumn("Removed").RightAligned(),
            new TableColumn("Valid").RightAligned(), new TableColumn("Invalid").RightAligned());
        foreach (var part in parts)
        {
            table.AddRow(
                Markup.Escape(part.SegmentName),
                Format.Count(part.Values),
                part.Diff is { } d ? Format.Count(d.Added) : "-",
                part.Diff is { } r ? Format.Count(r.Removed) : "-",
                part.Report is { } report ? Format.Count(report.Valid) : "-",
                part.Report is { } invalid ? Format.Count(invalid.Invalid) : "-");
        }
        return table;
    }

    private static TimeSpan? TimeTaken(RunView run) => run switch
    {
        { DurationSeconds: { } seconds } => TimeSpan.FromSeconds(seconds),
        { FinishedAt: { } finished } => finished - run.CreatedAt,
        _ => null,
    };
}
