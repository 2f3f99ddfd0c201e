using System.CommandLine;
using Herald.Server.Api;

namespace Herald.Cli.Commands;

/// <summary>
/// <c>herald config export &gt; herald.yaml</c> and <c>herald config apply herald.yaml [--dry-run]</c>: the catalog as a
/// file to keep in git and review. The file never holds a secret.
/// </summary>
internal static class ConfigCommands
{
    /// <summary>The largest file the CLI reads before sending it (the server's own cap, Herald:Api:MaxConfigurationBytes, is at most this).</summary>
    private const long MaxFileBytes = 64L * 1024 * 1024;

    public static Command Create(CliContext context)
    {
        var server = new ServerOptions();
        var command = new Command("config", "The catalog as a YAML file: credentials (never their secrets), destinations and orchestrations");
        server.AddTo(command);

        var exportSandbox = Sandbox();
        var export = new Command("export", "Print the catalog as YAML (herald config export > herald.yaml)") { exportSandbox };
        export.SetClientAction(context, server, async (parseResult, client, ct) =>
        {
            context.Output.Write(await client.ExportConfigurationAsync(parseResult.GetValue(exportSandbox), ct));
            return ExitCodes.Success;
        });
        command.Subcommands.Add(export);

        var file = new Argument<string>("file") { Description = "The YAML file, or - for standard input" };
        var dryRun = new Option<bool>("--dry-run") { Description = "Only show what would change; change nothing" };
        var json = CommonOptions.Json("difference");
        var applySandbox = Sandbox();
        var apply = new Command("apply", "Make the catalog hold exactly the file, in one transaction: every change or none") { file, dryRun, applySandbox, json };
        apply.SetClientAction(context, server, async (parseResult, client, ct) =>
        {
            var text = await ReadAsync(context, parseResult.GetValue(file)!, ct);
            var applied = await client.ApplyConfigurationAsync(text, parseResult.GetValue(applySandbox), parseResult.GetValue(dryRun), ct);
            if (parseResult.GetValue(json))
            {
                context.WriteJson(applied);
            }
            else
            {
                Write(context, applied);
            }
            return ExitCodes.Success;
        });
        command.Subcommands.Add(apply);
        return command;
    }

    private static Option<string?> Sandbox() =>
        new("--sandbox") { Description = "The sandbox's configuration instead of production's", HelpName = "NAME" };

    private static async Task<string> ReadAsync(CliContext context, string path, CancellationToken cancellationToken)
    {
        if (path == "-")
        {
            return await context.Input.ReadToEndAsync(cancellationToken);
        }
        var info = new FileInfo(path);
        if (!info.Exists)
        {
            throw new UsageException($"No file '{path}'; name the YAML file that herald config export wrote, or - for standard input.");
        }
        if (info.Length > MaxFileBytes)
        {
            throw new UsageException($"'{path}' is {info.Length:N0} bytes; a configuration file is at most {MaxFileBytes:N0}.");
        }
        return await File.ReadAllTextAsync(path, cancellationToken);
    }

    internal static void Write(CliContext context, ConfigurationAppliedView applied)
    {
        var outcome = applied.Applied ? "Applied" : applied.DryRun ? "Dry run, nothing changed" : "Nothing to change";
        context.Output.WriteLine($"{outcome}: {applied.Summary}.");
        WriteEntries(context, applied.Entries);
        foreach (var warning in applied.Warnings)
        {
            context.Output.WriteLine($"Warning: {warning}");
        }
    }

    /// <summary>Each entry that differs, then its fields side by side.</summary>
    internal static void WriteEntries(CliContext context, IReadOnlyList<EntryDifferenceView> entries)
    {
        foreach (var entry in entries)
        {
            context.Output.WriteLine($"  {entry.Change,-8} {entry.Kind} '{entry.Name}'");
            foreach (var field in entry.Fields)
            {
                context.Output.WriteLine($"      {field.Field}: {field.Before ?? "(none)"} -> {field.After ?? "(none)"}");
            }
        }
    }
}
