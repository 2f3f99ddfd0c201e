using Herald.Cli.Client;
using Herald.Server.Api;
using Spectre.Console;

namespace Herald.Cli.Output;

/// <summary>What <c>send</c>, <c>orchestration run</c> and the demo do once the server has accepted a run.</summary>
internal static class RunFollower
{
    /// <summary>
    /// Without <paramref name="wait"/>, shows the accepted run and succeeds; with it, follows the run
    /// to its end and succeeds only if the run did.
    /// </summary>
    public static async Task<int> FollowAsync(
        RunView started, bool wait, bool json, HeraldApiClient client, CliContext context, CancellationToken cancellationToken)
    {
        var renderer = new RunRenderer(context);
        if (!wait)
        {
            if (json)
            {
                context.WriteJson(started);
            }
            else
            {
                renderer.WriteStarted(started);
            }
            return ExitCodes.Success;
        }

        var finished = await new RunWaiter(client, context).WaitAsync(started, showProgress: !json, cancellationToken);
        if (json)
        {
            context.WriteJson(finished);
        }
        else
        {
            context.Console.WriteLine();
            renderer.WriteRun(finished);
        }
        return finished.State == "succeeded" ? ExitCodes.Success : ExitCodes.Failed;
    }
}
