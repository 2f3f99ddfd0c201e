using System.CommandLine;
using Herald.Cli.Client;
using Herald.Cli.Output;
using Herald.Server.Api;

namespace Herald.Cli.Commands;

/// <summary><c>herald sandbox run|set|copy-secret|secret</c>: runs in a sandbox and the settings and secrets that govern them.</summary>
internal static class SandboxRunCommands
{
    public static IEnumerable<Command> Create(CliContext context, ServerOptions server)
    {
        var runName = CommonOptions.Name("sandbox");
        var orchestration = new Argument<string>("orchestration") { Description = "The sandbox's orchestration to run" };
        var wait = CommonOptions.Wait();
        var json = CommonOptions.Json("run");
        var run = new Command("run", "Run an orchestration of the sandbox: a test audience under the sandbox's segment prefix") { runName, orchestration, wait, json };
        run.SetClientAction(context, server, async (parseResult, client, ct) =>
        {
            var started = await client.RunInSandboxAsync(parseResult.GetValue(runName)!, parseResult.GetRequiredValue(orchestration), ct);
            return await RunFollower.FollowAsync(started, parseResult.GetValue(wait), parseResult.GetValue(json), client, context, ct);
        });
        yield return run;

        var setName = CommonOptions.Name("sandbox");
        var prefix = new Option<string?>("--segment-prefix") { Description = "What the sandbox's segment names start with", HelpName = "PREFIX" };
        var fullSends = new Option<bool?>("--allow-full-sends") { Description = "Let the sandbox's runs send whole audiences (sandbox administrators)", HelpName = "true|false" };
        var set = new Command("set", "Change the sandbox's segment prefix, or whether its runs send whole audiences") { setName, prefix, fullSends };
        set.SetClientAction(context, server, async (parseResult, client, ct) =>
        {
            var changed = await client.ChangeSandboxAsync(parseResult.GetValue(setName)!,
                new SandboxSettingsInput(parseResult.GetValue(prefix), parseResult.GetValue(fullSends)), ct);
            context.Output.WriteLine($"Sandbox '{changed.Name}': segment names start with '{changed.SegmentPrefix}'; " +
                (changed.AllowFullSends ? "runs send whole audiences." : "runs send test audiences only."));
            return ExitCodes.Success;
        });
        yield return set;

        var copyName = CommonOptions.Name("sandbox");
        var credential = new Argument<string>("credential") { Description = "The credential whose production secret the sandbox's runs may use" };
        var copy = new Command("copy-secret", "Let the sandbox's runs use production's secret of a credential (sandbox administrators)") { copyName, credential };
        copy.SetClientAction(context, server, async (parseResult, client, ct) =>
        {
            var copied = await client.CopySecretIntoSandboxAsync(parseResult.GetValue(copyName)!, parseResult.GetRequiredValue(credential), ct);
            context.Output.WriteLine($"The sandbox '{copied.Name}' now uses production's secret of '{parseResult.GetRequiredValue(credential)}' (recorded in the audit log).");
            return ExitCodes.Success;
        });
        yield return copy;

        var secretName = CommonOptions.Name("sandbox");
        var secretCredential = new Argument<string>("credential") { Description = "The sandbox's credential the secret is for" };
        var token = SecretInputOptions.ApiToken();
        var skipTest = new Option<bool>("--skip-connection-test") { Description = "Save the secret without trying it against Insider One first" };
        var secret = new Command("secret", "Enter the secret of a sandbox's credential: used by the sandbox's runs only, never shown") { secretName, secretCredential, skipTest };
        token.AddTo(secret, required: true);
        secret.SetClientAction(context, server, async (parseResult, client, ct) =>
        {
            var entered = await client.EnterSandboxSecretAsync(parseResult.GetValue(secretName)!, parseResult.GetRequiredValue(secretCredential),
                new SandboxSecretInput(await token.ReadAsync(parseResult, context, ct), SkipConnectionTest: parseResult.GetValue(skipTest)), ct);
            context.Output.WriteLine($"The sandbox '{entered.Name}' now holds its own secret of '{parseResult.GetRequiredValue(secretCredential)}' " +
                "(encrypted, never shown; recorded in the audit log without it).");
            return ExitCodes.Success;
        });
        yield return secret;
    }
}
