namespace Herald.Core.Bridges;

/// <summary>A share as the target reports it after a sync (<c>SHOW SHARES</c>, <c>SHOW GRANTS TO SHARE</c>).</summary>
/// <param name="Name">The share's name.</param>
/// <param name="Accounts">The consumer accounts the share is given to.</param>
/// <param name="Grants">Each grant as "PRIVILEGE on KIND NAME".</param>
public sealed record BridgeShareState(string Name, IReadOnlyList<string> Accounts, IReadOnlyList<string> Grants);
