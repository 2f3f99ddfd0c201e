using System.CommandLine;
using Herald.Cli.Output;
using Herald.Server.Api;

namespace Herald.Cli.Commands;

/// <summary><c>herald send</c>: an ad-hoc run of a query to a destination, optionally to another segment (a test send).</summary>
internal static class SendCommand
{
    public static Command Create(CliContext context)
    {
        var server = new ServerOptions();
        var destination = new Option<string>("--destination") { Description = "The destination to send to", Required = true, HelpName = "NAME" };
        var query = new QueryOptions();
        var segmentName = new Option<string?>("--segment-name") { Description = "Send to this segment instead of the destination's (a test send)", HelpName = "NAME" };
        var sampleSize = new Option<int?>("--sample-size") { Description = "Send only this many values (a test send)", HelpName = "N" };
        var allowEmpty = CommonOptions.AllowEmpty();
        var force = CommonOptions.Force();
        var wait = CommonOptions.Wait();
        var json = CommonOptions.Json("run");
        var command = new Command("send", "Send a query's values to a destination now, without saving an orchestration")
        {
            destination, segmentName, sampleSize, allowEmpty, force, wait, json,
        };
        query.AddTo(command, required: true);
        server.AddTo(command);
        sampleSize.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int?>() is <= 0)
            {
                result.AddError("--sample-size must be a positive number of values.");
            }
        });
        command.SetClientAction(context, server, async (parseResult, client, ct) =>
        {
            var request = new SendRequest(
                parseResult.GetRequiredValue(destination),
                (await query.ReadAsync(parseResult, ct))!,
                parseResult.GetValue(allowEmpty),
                parseResult.GetValue(segmentName),
                parseResult.GetValue(sampleSize),
                parseResult.GetValue(force));
            var started = await client.SendAsync(request, ct);
            return await RunFollower.FollowAsync(started, parseResult.GetValue(wait), parseResult.GetValue(json), client, context, ct);
        });
        return command;
    }
}
