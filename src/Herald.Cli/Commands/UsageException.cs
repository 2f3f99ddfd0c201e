namespace Herald.Cli.Commands;

/// <summary>The user asked for something the CLI cannot do as given (a missing file, an unset variable); exits with 2.</summary>
internal sealed class UsageException(string message) : Exception(message);
