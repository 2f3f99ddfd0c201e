using System.Diagnostics;
using System.Globalization;
using Herald.Cli.Client;
using Herald.Server.Api;
using Spectre.Console;

namespace Herald.Cli.Output;

/// <summary>
/// Follows a run until it is final by polling the server. On a terminal a spinner shows the current
/// step; elsewhere (logs, CI) each step is one plain line; with <c>--json</c> nothing is written, so
/// that standard output holds only the JSON.
/// </summary>
internal sealed class RunWaiter(HeraldApiClient client, CliContext context)
{
    public static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(250);

    public async Task<RunView> WaitAsync(RunView run, bool showProgress, CancellationToken cancellationToken)
    {
        try
        {
            if (!showProgress)
            {
                return await PollAsync(run, onChange: null, cancellationToken);
            }
            var clock = Stopwatch.StartNew();
            WriteStep(run, clock.Elapsed);
            if (!context.OutputIsInteractive)
            {
                return await PollAsync(run, changed => WriteStep(changed, clock.Elapsed), cancellationToken);
            }
            return await context.Console.Status().StartAsync(StatusLine(run), status =>
                PollAsync(run, changed =>
                {
                    WriteStep(changed, clock.Elapsed);
                    status.Status = StatusLine(changed);
                }, cancellationToken));
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Waiting stops; the run does not: say how to find it again.
            context.Error.WriteLine($"Stopped waiting; run {run.Id} goes on. Follow it with: herald run show {run.Id}");
            throw;
        }
    }

    private async Task<RunView> PollAsync(RunView run, Action<RunView>? onChange, CancellationToken cancellationToken)
    {
        while (!run.IsFinal)
        {
            await Task.Delay(PollInterval, cancellationToken);
            var latest = await client.GetRunAsync(run.Id.ToString(), cancellationToken);
            if (latest.State != run.State || latest.Reason != run.Reason)
            {
                onChange?.Invoke(latest);
            }
            run = latest;
        }
        return run;
    }

    private void WriteStep(RunView run, TimeSpan elapsed) =>
        context.WriteLine(
            $"[grey]{elapsed.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture).PadLeft(6)}s[/]  {run.State.PadRight(16)} {run.Reason}");

    private static string StatusLine(RunView run) => $"{Markup.Escape(run.State)}: {Markup.Escape(run.Reason)}";
}
