namespace Herald.SnowflakeStandIn.Api;

/// <summary>Who sent a request, from its verified JWT: the account and user, and whether the account is a consumer of
/// the stand-in's shares (<see cref="StandInOptions.Consumers"/>) rather than the account that owns the data.</summary>
internal sealed record StandInCaller(string Account, string User, bool IsConsumer);
