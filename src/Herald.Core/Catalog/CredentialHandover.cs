namespace Herald.Core.Catalog;

/// <summary>
/// Where a credential came from when its account holder handed it over through a link: kept with the credential after
/// the link itself is cleaned up (Herald:Access:HandoverRetentionHours), so that it can always say who asked for it.
/// </summary>
/// <param name="CredentialId">The credential the hand-over created.</param>
/// <param name="RequestedBy">The name of the caller who asked for the link.</param>
/// <param name="RequestedAt">When the link was made.</param>
/// <param name="HandedOverAt">When the account holder used it.</param>
public sealed record CredentialHandover(Guid CredentialId, string RequestedBy, DateTimeOffset RequestedAt, DateTimeOffset HandedOverAt);
