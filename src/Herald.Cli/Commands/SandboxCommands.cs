using System.CommandLine;
using Herald.Server.Api;

namespace Herald.Cli.Commands;

/// <summary>
/// <c>herald sandbox create|list|open|diff|pull|promote|delete</c>: try configuration changes in a copy of production's
/// configuration, then promote them in one transaction. A sandbox's configuration is read and changed as a file:
/// <c>herald config export --sandbox NAME</c> and <c>herald config apply FILE --sandbox NAME</c>.
/// </summary>
internal static class SandboxCommands
{
    public static Command Create(CliContext context)
    {
        var server = new ServerOptions();
        var command = new Command("sandbox", "Sandboxes: copies of production's configuration to change, check and promote");
        server.AddTo(command);

        var createName = CommonOptions.NewName("sandbox");
        var prefix = new Option<string?>("--segment-prefix") { Description = "What the sandbox's segment names start with (default sandbox-NAME-)", HelpName = "PREFIX" };
        var create = new Command("create", "Copy production's configuration (never its secrets) into a new sandbox") { createName, prefix };
        create.SetClientAction(context, server, async (parseResult, client, ct) =>
        {
            var created = await client.CreateSandboxAsync(new SandboxInput(parseResult.GetValue(createName), parseResult.GetValue(prefix)), ct);
            context.Output.WriteLine($"Sandbox '{created.Name}' created; its segment names start with '{created.SegmentPrefix}'.");
            context.Output.WriteLine($"Change it with a file: export --sandbox {created.Name}, edit, apply --sandbox {created.Name}.");
            return ExitCodes.Success;
        });

        var listJson = CommonOptions.Json("sandboxes");
        var list = new Command("list", "List your sandboxes (every sandbox for a sandbox administrator)") { listJson };
        list.SetClientAction(context, server, async (parseResult, client, ct) =>
        {
            var sandboxes = await client.ListSandboxesAsync(ct);
            if (parseResult.GetValue(listJson))
            {
                context.WriteJson(sandboxes);
                return ExitCodes.Success;
            }
            foreach (var sandbox in sandboxes)
            {
                context.Output.WriteLine($"{sandbox.Name}  owner {sandbox.Owner}  segments '{sandbox.SegmentPrefix}...'  {(sandbox.AllowFullSends ? "full sends" : "test sends only")}");
            }
            return ExitCodes.Success;
        });

        var openName = CommonOptions.Name("sandbox");
        var open = new Command("open", "Print the address of the sandbox's page in the web UI, to open in a browser") { openName };
        open.SetClientAction(context, server, async (parseResult, client, ct) =>
        {
            var name = parseResult.GetValue(openName)!;
            // Asked of the server first, so that a mistyped name says so here rather than as a page not found.
            var sandboxes = await client.ListSandboxesAsync(ct);
            if ((sandboxes.FirstOrDefault(s => s.Name == name) ?? sandboxes.FirstOrDefault(s => string.Equals(s.Name, name, StringComparison.OrdinalIgnoreCase))) is not { } sandbox)
            {
                context.Error.WriteLine($"There is no sandbox named '{name}' among yours; 'herald sandbox list' shows them, 'herald sandbox create {name}' makes it.");
                return ExitCodes.Failed;
            }
            context.Output.WriteLine(new Uri(client.BaseUrl, $"sandboxes/{Uri.EscapeDataString(sandbox.Name)}").AbsoluteUri);
            return ExitCodes.Success;
        });

        var diffName = CommonOptions.Name("sandbox");
        var diffJson = CommonOptions.Json("review");
        var diff = new Command("diff", "What promoting would change, production's changes since, conflicts and checks") { diffName, diffJson };
        diff.SetClientAction(context, server, async (parseResult, client, ct) =>
        {
            var review = await client.ReviewSandboxAsync(parseResult.GetValue(diffName)!, ct);
            WriteReview(context, review, parseResult.GetValue(diffJson));
            return review.Errors.Count == 0 ? ExitCodes.Success : ExitCodes.Failed;
        });

        var pullName = CommonOptions.Name("sandbox");
        var take = new Option<string[]>("--take")
        {
            Description = "Resolve a conflict: KIND/NAME/FIELD=production or =sandbox (repeat for each)", HelpName = "KEY=SIDE", AllowMultipleArgumentsPerToken = false,
        };
        var pull = new Command("pull", "Bring production's changes since the sandbox was copied or last pulled into it") { pullName, take };
        pull.SetClientAction(context, server, async (parseResult, client, ct) =>
        {
            var resolutions = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var resolution in parseResult.GetValue(take) ?? [])
            {
                var at = resolution.LastIndexOf('=');
                if (at <= 0)
                {
                    throw new UsageException($"--take is KIND/NAME/FIELD=production or =sandbox, such as destination/vip/settings.segmentName=sandbox; '{resolution}' is not.");
                }
                resolutions[resolution[..at]] = resolution[(at + 1)..];
            }
            var review = await client.PullSandboxAsync(parseResult.GetValue(pullName)!, new PullInput(resolutions), ct);
            context.Output.WriteLine($"Pulled production's changes into '{review.Sandbox.Name}'.");
            WriteReview(context, review, json: false);
            return ExitCodes.Success;
        });

        var promoteName = CommonOptions.Name("sandbox");
        var message = new Option<string>("--message", "-m") { Description = "What the promotion changes and why (kept in the audit log)", Required = true, HelpName = "TEXT" };
        var delete = new Option<bool>("--delete") { Description = "Delete the sandbox once promoted, in the same transaction" };
        var promote = new Command("promote", "Make production hold the sandbox's configuration, in one transaction (sandbox administrators)") { promoteName, message, delete };
        promote.SetClientAction(context, server, async (parseResult, client, ct) =>
        {
            var promoted = await client.PromoteSandboxAsync(parseResult.GetValue(promoteName)!, new PromoteInput(parseResult.GetValue(message), parseResult.GetValue(delete)), ct);
            context.Output.WriteLine($"Promoted: {promoted.Summary}.");
            ConfigCommands.WriteEntries(context, promoted.Entries);
            return ExitCodes.Success;
        });

        var deleteName = CommonOptions.Name("sandbox");
        var remove = new Command("delete", "Delete a sandbox (sandbox administrators)") { deleteName };
        remove.SetClientAction(context, server, async (parseResult, client, ct) =>
        {
            await client.DeleteSandboxAsync(parseResult.GetValue(deleteName)!, ct);
            context.Output.WriteLine($"Sandbox '{parseResult.GetValue(deleteName)}' deleted.");
            return ExitCodes.Success;
        });

        foreach (var subcommand in new[] { create, list, open, diff, pull, promote, remove }.Concat(SandboxRunCommands.Create(context, server)))
        {
            command.Subcommands.Add(subcommand);
        }
        return command;
    }

    private static void WriteReview(CliContext context, SandboxReviewView review, bool json)
    {
        if (json)
        {
            context.WriteJson(review);
            return;
        }
        context.Output.WriteLine($"Sandbox '{review.Sandbox.Name}' (owner {review.Sandbox.Owner}), promoting would change: {review.ToPromote.Summary}.");
        ConfigCommands.WriteEntries(context, review.ToPromote.Entries);
        if (review.ProductionSinceBase.Entries.Count > 0)
        {
            context.Output.WriteLine($"Production changed since the sandbox was copied or last pulled: {review.ProductionSinceBase.Summary} (pull them).");
            ConfigCommands.WriteEntries(context, review.ProductionSinceBase.Entries);
        }
        foreach (var conflict in review.Conflicts)
        {
            context.Output.WriteLine($"Conflict {conflict.Key}: production {conflict.Production ?? "(removed)"}, sandbox {conflict.Sandbox ?? "(removed)"}");
        }
        foreach (var error in review.Errors)
        {
            context.Output.WriteLine($"Error: {error}");
        }
        foreach (var warning in review.Warnings)
        {
            context.Output.WriteLine($"Warning: {warning}");
        }
    }
}
