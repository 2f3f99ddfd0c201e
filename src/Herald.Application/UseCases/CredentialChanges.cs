namespace Herald.Application.UseCases;

/// <summary>Changes to a credential: a null field stays as it is; a new token rotates the secret (an empty description clears it).</summary>
public sealed record CredentialChanges(string? PartnerName, string? ApiToken, string? Description)
{
    // Records print their members; a token must never reach a log line or an error through ToString.
    public override string ToString() => $"CredentialChanges {{ PartnerName = {PartnerName}, ApiToken = {(ApiToken is null ? "(unchanged)" : "***")} }}";
}
