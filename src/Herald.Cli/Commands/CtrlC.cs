namespace Herald.Cli.Commands;

internal static class CtrlC
{
    /// <summary>Waits until the user stops the command; that stop is the normal end of a long-running command, not an error.</summary>
    public static async Task WaitAsync(CancellationToken cancellationToken)
    {
        try
        {
            await Task.Delay(Timeout.Infinite, cancellationToken);
        }
        catch (OperationCanceledException)
        {
        }
    }
}
