namespace Herald.SnowflakeStandIn;

/// <summary>An outbound share as the stand-in recorded it: the consumer accounts added and the grants made to it.</summary>
public sealed record StandInShare(string Name, DateTimeOffset CreatedOn, IReadOnlyList<string> Accounts, IReadOnlyList<StandInGrant> Grants)
{
    /// <summary>The database the share's grants come from (a share holds objects of one database), or null before any.</summary>
    public string? Database => Grants.FirstOrDefault(grant => grant.GrantedOn == "DATABASE")?.Name;
}
