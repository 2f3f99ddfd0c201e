namespace Herald.Snowflake.Publishing;

/// <summary>A share as Snowflake reports it after Herald set it up (<c>SHOW SHARES</c>, <c>SHOW GRANTS TO SHARE</c>).</summary>
/// <param name="Name">The share's name.</param>
/// <param name="Accounts">Consumer accounts the share is given to.</param>
/// <param name="Grants">Each grant as "PRIVILEGE on KIND NAME", e.g. "SELECT on TABLE HERALD.PUBLIC.\"insider_users\"".</param>
public sealed record ShareState(string Name, IReadOnlyList<string> Accounts, IReadOnlyList<string> Grants);
