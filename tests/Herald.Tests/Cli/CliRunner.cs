namespace Herald.Tests.Cli;

/// <summary>Runs <c>herald</c> in-process, as a user would from a shell with the given environment and standard input.</summary>
internal static class CliRunner
{
    public static async Task<CliResult> RunAsync(
        IDictionary<string, string?> environment, string[] args, string? standardInput = null, CancellationToken cancellationToken = default)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        using var input = new StringReader(standardInput ?? "");
        var exitCode = await global::Herald.Cli.Cli.InvokeAsync(args, output, error, environment, input, cancellationToken);
        return new CliResult(exitCode, output.ToString(), error.ToString());
    }
}
