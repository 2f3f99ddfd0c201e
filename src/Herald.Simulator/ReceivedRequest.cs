namespace Herald.Simulator;

/// <summary>A request to <c>/fps/v1/*</c> and the answer it got. The token header is masked.</summary>
public sealed record ReceivedRequest(
    string Method,
    string Path,
    IReadOnlyDictionary<string, string> Headers,
    string Body,
    int Status,
    string ResponseBody,
    string? RemoteAddress,
    DateTimeOffset At);
