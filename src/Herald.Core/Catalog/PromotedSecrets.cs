namespace Herald.Core.Catalog;

/// <summary>
/// Secrets entered in a sandbox that become production's with a promotion: those of each credential named (the
/// sandbox's credential of that name) become the secrets of production's credential with the id given, re-encrypted
/// under production's binding, in the promotion's transaction.
/// </summary>
/// <param name="CredentialIds">Production's id of each credential, by the credential's name.</param>
public sealed record PromotedSecrets(Guid SandboxId, IReadOnlyDictionary<string, Guid> CredentialIds);
