namespace Herald.Core.Catalog;

/// <summary>
/// A one-time link asking the holder of an account for a credential (issue 12, "Handing over a credential"). Herald
/// keeps only the SHA-256 of the link's token: the link itself is shown once, to the person who asked for it.
/// </summary>
/// <param name="CredentialName">The name the credential gets when the link is used.</param>
/// <param name="Plugin">The credential plugin the account is for (insiderone).</param>
/// <param name="TokenHash">SHA-256 of the link's token, lower-case hex.</param>
/// <param name="RequestedBy">The name of the caller who asked for the link.</param>
/// <param name="UsedAt">When the credential was handed over; null while the link is unused.</param>
public sealed record HandoverLink(Guid Id, string CredentialName, string Plugin, string TokenHash, string RequestedBy,
    DateTimeOffset CreatedAt, DateTimeOffset ExpiresAt, DateTimeOffset? UsedAt)
{
    /// <summary>Whether the link can still be used at <paramref name="now"/>: not used and not expired.</summary>
    public bool IsOpenAt(DateTimeOffset now) => UsedAt is null && now < ExpiresAt;
}
