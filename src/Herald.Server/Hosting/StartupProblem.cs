using Microsoft.Extensions.Options;

namespace Herald.Server.Hosting;

/// <summary>Turns what stops a start-up into one sentence naming the setting to change.</summary>
internal static class StartupProblem
{
    public static string? Describe(Exception exception) => exception switch
    {
        OptionsValidationException validation => string.Join(" ", validation.Failures),
        InvalidOperationException { Message: var m } when m.Contains("configuration value", StringComparison.OrdinalIgnoreCase) =>
            m + " Check the setting's format (times as hh:mm:ss, URLs absolute).",
        IOException io when io.Message.Contains("address already in use", StringComparison.OrdinalIgnoreCase) =>
            $"{io.Message} Choose another port with --urls.",
        UnauthorizedAccessException denied => $"{denied.Message} Herald:DataDirectory must be a folder Herald can write to.",
        _ => null,
    };
}
