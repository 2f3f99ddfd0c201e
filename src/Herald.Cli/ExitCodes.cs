namespace Herald.Cli;

/// <summary>What <c>herald</c> exits with, so that scripts can tell a failed run from a typo or a stopped server.</summary>
internal static class ExitCodes
{
    public const int Success = 0;

    /// <summary>The run failed or was cancelled, or the server failed while answering.</summary>
    public const int Failed = 1;

    /// <summary>The command line or its input was wrong, or the API refused the request (4xx).</summary>
    public const int UsageError = 2;

    /// <summary>No Herald server answered at the URL.</summary>
    public const int ServerUnreachable = 3;

    /// <summary>The caller's policies do not allow what was asked (the API answered 403 naming the action).</summary>
    public const int Forbidden = 4;

    /// <summary>Stopped by Ctrl-C, as shells report it (128 + SIGINT).</summary>
    public const int Interrupted = 130;
}
