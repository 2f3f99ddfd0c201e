namespace Herald.Application.UseCases;

/// <summary>A credential to add. The token travels only inward: it is encrypted by the store and never shown again.</summary>
/// <param name="Plugin">The plugin the account is for; null for Insider One.</param>
public sealed record CredentialDraft(string? Name, string? Plugin, string? PartnerName, string? ApiToken, string? Description)
{
    // Records print their members; a token must never reach a log line or an error through ToString.
    public override string ToString() => $"CredentialDraft {{ Name = {Name}, Plugin = {Plugin}, PartnerName = {PartnerName}, ApiToken = *** }}";
}
