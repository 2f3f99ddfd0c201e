namespace Herald.SnowflakeStandIn;

/// <summary>Any request to <c>/api/v2/*</c> and the status it was answered with.</summary>
public sealed record ReceivedCall(string Method, string Path, int Status);
