using System.CommandLine;
using System.Globalization;
using Herald.Server.Api;

namespace Herald.Cli.Commands;

/// <summary>
/// <c>herald orchestration schedule|pause|resume</c> and <c>herald bridge schedule|pause|resume</c>: when an
/// orchestration runs, or a bridge syncs, by itself. <c>kind</c> is <c>orchestration</c> or <c>bridge</c>.
/// </summary>
internal static class ScheduleCommands
{
    public static Command Schedule(CliContext context, ServerOptions server, string kind)
    {
        var name = CommonOptions.Name(kind);
        var cron = new Option<string?>("--cron") { Description = "Five cron fields read in --time-zone, e.g. \"0 6 * * *\" for 06:00 every day", HelpName = "EXPRESSION" };
        var timeZone = new Option<string?>("--time-zone") { Description = "The IANA time zone of --cron, e.g. Europe/Istanbul or UTC", HelpName = "ZONE" };
        var after = new Option<string?>("--after") { Description = "Run each time this orchestration succeeds", HelpName = "NAME" };
        var manual = new Option<bool>("--manual") { Description = "Run by hand only (removes the schedule)" };
        var command = new Command("schedule", $"Show or set when {Runs(kind)} by itself: --cron with --time-zone, --after, or --manual")
            { name, cron, timeZone, after, manual };
        command.SetClientAction(context, server, async (parseResult, client, ct) =>
        {
            var input = new ScheduleInput(parseResult.GetValue(cron), parseResult.GetValue(timeZone), parseResult.GetValue(after), parseResult.GetValue(manual));
            var named = parseResult.GetRequiredValue(name);
            var view = input is { Cron: null, TimeZone: null, After: null, Manual: false }
                ? await client.GetScheduleAsync(kind + "s", named, ct)
                : await client.SetScheduleAsync(kind + "s", named, input, ct);
            Write(context, view);
            return ExitCodes.Success;
        });
        return command;
    }

    public static Command Pause(CliContext context, ServerOptions server, string kind, bool pause)
    {
        var name = CommonOptions.Name(kind);
        var command = new Command(pause ? "pause" : "resume", pause
            ? $"Pause {(kind == "bridge" ? "a bridge's" : "an orchestration's")} schedule: no slot runs until it is resumed"
            : "Resume a paused schedule: slots that passed while paused are not run") { name };
        command.SetClientAction(context, server, async (parseResult, client, ct) =>
        {
            Write(context, await client.PauseScheduleAsync(kind + "s", parseResult.GetRequiredValue(name), pause, ct));
            return ExitCodes.Success;
        });
        return command;
    }

    private static string Runs(string kind) => kind == "bridge" ? "a bridge syncs" : "an orchestration runs";

    private static void Write(CliContext context, ScheduleView view)
    {
        context.WriteLine($"{(view.Kind == "bridge" ? "Bridge" : "Orchestration")} {view.Name} {(view.Kind == "bridge" ? "syncs" : "runs")} {view.Description}; the schedule is {view.State}.");
        if (view.PausedReason is { } reason)
        {
            context.WriteLine($"{reason}");
        }
        if (view.NextRuns.Count > 0)
        {
            context.WriteLine($"Next runs ({view.TimeZone} / UTC):");
            foreach (var next in view.NextRuns)
            {
                context.WriteLine($"  {next.Local.ToString("yyyy-MM-dd HH:mm zzz", CultureInfo.InvariantCulture)}  /  {next.Utc.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)} UTC");
            }
        }
        if (view.State == "paused")
        {
            context.WriteLine($"Resume it with: herald {view.Kind} resume {view.Name}");
        }
    }
}
