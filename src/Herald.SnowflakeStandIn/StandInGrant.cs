namespace Herald.SnowflakeStandIn;

/// <summary>A privilege granted to a share, as <c>SHOW GRANTS TO SHARE</c> prints it (e.g. <c>SELECT</c>,
/// <c>TABLE</c>, <c>HERALD.PUBLIC."insider_users"</c>).</summary>
public sealed record StandInGrant(string Privilege, string GrantedOn, string Name, DateTimeOffset CreatedOn);
