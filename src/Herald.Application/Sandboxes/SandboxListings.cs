using Herald.Application.Configuration;
using Herald.Application.UseCases;
using Herald.Core.Ports;

namespace Herald.Application.Sandboxes;

/// <summary>
/// The sandboxes a caller reaches (<see cref="SandboxUseCases.ListAsync"/>), each with whether production moved since
/// its base: one read of production for the whole list, without the checks a review runs (those query the source).
/// </summary>
internal sealed class SandboxListings(SandboxUseCases sandboxes, ICatalogStore catalog)
{
    public async Task<UseCaseResult<IReadOnlyList<SandboxListing>>> ListAsync(Caller caller, CancellationToken cancellationToken)
    {
        var listed = await sandboxes.ListAsync(caller, cancellationToken);
        if (!listed.Succeeded)
        {
            return listed.Refusal;
        }
        var production = (await CatalogState.ReadAsync(catalog, cancellationToken)).Document;
        return UseCaseResult<IReadOnlyList<SandboxListing>>.Of([.. listed.Value
            .OrderBy(s => s.Name, StringComparer.Ordinal)
            .Select(s => new SandboxListing(s, !CatalogDifference.Between(SandboxUseCases.Read(s.Base), production).IsEmpty))]);
    }
}
