namespace Herald.Application.UseCases;

/// <summary>The way a request reached Herald.</summary>
public enum CallerChannel
{
    /// <summary>The REST API (the CLI's commands come this way too, naming themselves <c>cli</c>).</summary>
    Api,

    /// <summary>The web UI.</summary>
    Web,

    /// <summary>A command run in the server's own process (<c>herald demo</c>).</summary>
    Cli,

    /// <summary>Insider One's callback.</summary>
    Callback,

    /// <summary>Herald itself, on a schedule.</summary>
    Schedule,
}
