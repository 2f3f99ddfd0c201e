using System.CommandLine;

namespace Herald.Cli.Commands;

internal static class HeraldRootCommand
{
    public static RootCommand Create(CliContext context) =>
        new("Herald sends audiences from your customer 360 to Insider One.")
        {
            DemoCommand.Create(context),
            ServeCommand.Create(context),
            SimulatorCommand.Create(context),
            CredentialCommands.Create(context),
            DestinationCommands.Create(context),
            OrchestrationCommands.Create(context),
            SegmentCommands.Create(context),
            BridgeCommands.Create(context),
            SendCommand.Create(context),
            QueryCommands.Create(context),
            RunCommands.Create(context),
            UserCommands.Create(context),
            ApiKeyCommands.Create(context),
            AuditCommands.Create(context),
            ConfigCommands.Create(context),
            SandboxCommands.Create(context),
            AlertCommands.Create(context),
        };
}
