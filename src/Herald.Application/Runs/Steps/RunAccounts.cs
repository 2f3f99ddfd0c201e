using Herald.Core.Ports;
using Herald.Core.Runs;

namespace Herald.Application.Runs.Steps;

/// <summary>The account a run sends with: its destination's credential, its token decrypted only now.</summary>
internal sealed class RunAccounts(ICatalogStore catalog)
{
    /// <summary>Null when the credential was deleted since the run was created.</summary>
    public async Task<SegmentAccount?> ForAsync(RunOrigin origin, CancellationToken cancellationToken) =>
        await catalog.GetCredentialAsync(origin.CredentialId, cancellationToken) is { } credential
            ? new SegmentAccount(credential.PartnerName, await catalog.RevealTokenAsync(credential.Id, cancellationToken))
            : null;
}
