namespace Herald.Server.Api;

/// <summary>Asks the holder of an account for a credential through a one-time link.</summary>
/// <param name="Name">The name the credential gets.</param>
/// <param name="Plugin">insiderone (the default).</param>
/// <param name="ExpiresInHours">How long the link works, in hours: more than 0 and at most Herald:Access:MaxHandoverHours.</param>
public sealed record HandoverRequestInput(string? Name, string? Plugin, double ExpiresInHours);

/// <summary>A new link; <paramref name="Link"/> is shown this once and Herald keeps only its token's hash.</summary>
public sealed record HandoverRequestView(string CredentialName, string Plugin, DateTimeOffset ExpiresAt, string Link)
{
    public override string ToString() => $"HandoverRequestView {{ CredentialName = {CredentialName}, Plugin = {Plugin}, ExpiresAt = {ExpiresAt:O}, Link = *** }}";
}

/// <summary>A link as the requester sees it later: when it was asked for, until when it works, and when it was used.</summary>
public sealed record HandoverLinkView(string CredentialName, string Plugin, string RequestedBy, DateTimeOffset CreatedAt, DateTimeOffset ExpiresAt, DateTimeOffset? UsedAt);

/// <summary>Where a credential came from when its account holder handed it over through a link: who asked for it and when it was used.</summary>
public sealed record CredentialHandoverView(string RequestedBy, DateTimeOffset RequestedAt, DateTimeOffset HandedOverAt);
