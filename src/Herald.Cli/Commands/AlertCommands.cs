using System.CommandLine;
using Herald.Cli.Output;
using Herald.Server.Api;

namespace Herald.Cli.Commands;

/// <summary><c>herald alert add|list|show|remove|test</c>.</summary>
internal static class AlertCommands
{
    public static Command Create(CliContext context)
    {
        var server = new ServerOptions();
        var command = new Command("alert", "Alert rules: who is told, by email, Slack or a signed webhook, when runs start failing and when they recover");
        server.AddTo(command);
        command.Subcommands.Add(Add(context, server));
        command.Subcommands.Add(CatalogCommands.List(context, server, "alert rules", "List alert rules",
            (client, ct) => client.ListAlertsAsync(ct), (_, all) => new AlertRenderer(context).WriteAlerts(all)));
        command.Subcommands.Add(CatalogCommands.Show(context, server, "alert", "Show an alert rule and its latest deliveries with every attempt",
            (client, name, ct) => client.GetAlertAsync(name, ct), (_, one) => new AlertRenderer(context).WriteAlert(one)));
        command.Subcommands.Add(CatalogCommands.Remove(context, server, "alert", "Remove an alert rule and its history", (client, name, ct) => client.RemoveAlertAsync(name, ct)));
        command.Subcommands.Add(Test(context, server));
        return command;
    }

    private static Command Add(CliContext context, ServerOptions server)
    {
        var name = CommonOptions.NewName("alert rule");
        var channel = new Option<string>("--channel") { Description = "email, slack or webhook", Required = true, HelpName = "CHANNEL" };
        channel.AcceptOnlyFromAmong("email", "slack", "webhook");
        var orchestration = new Option<string?>("--orchestration") { Description = "Watch this orchestration's runs only", HelpName = "NAME" };
        var destination = new Option<string?>("--destination") { Description = "Watch the runs sent to this destination only", HelpName = "NAME" };
        var kinds = new Option<string[]>("--kind")
        {
            Description = "What to alert on (repeatable): run-failed, report-late, shrink-guard, invalid-share, schedule-paused; all when left out",
            HelpName = "KIND",
            AllowMultipleArgumentsPerToken = true,
        };
        var invalidShare = new Option<double?>("--invalid-share") { Description = "For invalid-share: alert above this share of invalid values (0 to 1; default 0.1)", HelpName = "SHARE" };
        var url = new Option<string?>("--url") { Description = "The generic webhook's https URL (a Slack URL is a secret: give it with --secret-stdin or --secret-env)", HelpName = "URL" };
        var to = new Option<string[]>("--to") { Description = "Email recipients (repeatable)", HelpName = "ADDRESS", AllowMultipleArgumentsPerToken = true };
        var from = new Option<string?>("--from") { Description = "The email sender's address", HelpName = "ADDRESS" };
        var smtpHost = new Option<string?>("--smtp-host") { Description = "The SMTP server", HelpName = "HOST" };
        var smtpPort = new Option<int?>("--smtp-port") { Description = "The SMTP port: 465 (implicit TLS) or 587 (STARTTLS, default)", HelpName = "PORT" };
        var smtpUser = new Option<string?>("--smtp-user") { Description = "The SMTP user name; the password is the secret", HelpName = "USER" };
        var secret = new SecretInputOptions("secret", "channel secret (the Slack webhook URL, the webhook's whsec_ signing secret, or the SMTP password)");
        var command = new Command("add", "Add an alert rule") { name, channel, orchestration, destination, kinds, invalidShare, url, to, from, smtpHost, smtpPort, smtpUser };
        secret.AddTo(command, required: false);
        command.SetClientAction(context, server, async (parseResult, client, ct) =>
        {
            var (scope, subject) = (parseResult.GetValue(orchestration), parseResult.GetValue(destination)) switch
            {
                ({ } o, null) => ("orchestration", o),
                (null, { } d) => ("destination", d),
                (null, null) => ("global", (string?)null),
                _ => throw new UsageException("Give --orchestration or --destination, not both (neither watches every run)."),
            };
            var channelName = parseResult.GetRequiredValue(channel);
            var secretValue = await secret.ReadAsync(parseResult, context, ct);
            var input = new AlertInput(
                parseResult.GetRequiredValue(name), scope, subject, parseResult.GetValue(kinds), parseResult.GetValue(invalidShare), channelName,
                Url: channelName == "slack" ? secretValue : parseResult.GetValue(url),
                SigningSecret: channelName == "webhook" ? secretValue : null,
                EmailTo: parseResult.GetValue(to),
                EmailFrom: parseResult.GetValue(from),
                SmtpHost: parseResult.GetValue(smtpHost),
                SmtpPort: parseResult.GetValue(smtpPort),
                SmtpUser: parseResult.GetValue(smtpUser),
                SmtpPassword: channelName == "email" ? secretValue : null);
            var added = await client.AddAlertAsync(input, ct);
            context.WriteLine($"Added alert rule {added.Name}: {added.Channel} to {added.Target}, on {string.Join(", ", added.Kinds)}. Try it with: herald alert test {added.Name}");
            return ExitCodes.Success;
        });
        return command;
    }

    private static Command Test(CliContext context, ServerOptions server)
    {
        var name = CommonOptions.Name("alert rule");
        var command = new Command("test", "Send a test alert through the rule's channel") { name };
        command.SetClientAction(context, server, async (parseResult, client, ct) =>
        {
            var rule = parseResult.GetRequiredValue(name);
            await client.TestAlertAsync(rule, ct);
            context.WriteLine($"Queued a test alert; see its delivery with: herald alert show {rule}");
            return ExitCodes.Success;
        });
        return command;
    }
}
