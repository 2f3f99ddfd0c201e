using Herald.Application.Access;
using Herald.Core.Catalog;
using Herald.Core.Ports;
using Herald.Core.Runs;

namespace Herald.Application.UseCases;

/// <summary>
/// What a caller may see of credentials, destinations and orchestrations: one place for the API, the pages and the
/// CLI, so that who sees what (admin-only destinations, policies) is decided here. Lists never refuse: they hold what
/// the caller may see (nothing without catalog:read). A look-up of one thing refuses when it does not exist or the
/// caller may not read it.
/// </summary>
internal sealed class CatalogReads(ICatalogStore catalog, IRunStore runs)
{
    /// <summary>Every credential, by name, with the destinations that use it.</summary>
    public async Task<IReadOnlyList<CredentialListing>> ListCredentialsAsync(Caller caller, CancellationToken cancellationToken)
    {
        if (!caller.Grant.Allows(HeraldActions.CatalogRead))
        {
            return [];
        }
        var destinations = await VisibleDestinationsAsync(caller, cancellationToken);
        return [.. (await catalog.ListCredentialsAsync(cancellationToken))
            .OrderBy(c => c.Name, StringComparer.OrdinalIgnoreCase)
            .Select(c => new CredentialListing(c, UsedBy(c, destinations)))];
    }

    /// <summary>One credential by name or id.</summary>
    public async Task<UseCaseResult<CredentialListing>> FindCredentialAsync(Caller caller, string key, CancellationToken cancellationToken) =>
        caller.Denied(HeraldActions.CatalogRead) is { } denied ? denied : await catalog.FindCredentialAsync(key, cancellationToken) is { } credential
            ? new CredentialListing(credential, UsedBy(credential, await VisibleDestinationsAsync(caller, cancellationToken)))
            : Refusal.NotFound("credential", key);

    /// <summary>Every destination, by name, with its credential and the orchestrations sending to it.</summary>
    public async Task<IReadOnlyList<DestinationListing>> ListDestinationsAsync(Caller caller, CancellationToken cancellationToken)
    {
        if (!caller.Grant.Allows(HeraldActions.CatalogRead))
        {
            return [];
        }
        var credentials = (await catalog.ListCredentialsAsync(cancellationToken)).ToDictionary(c => c.Id);
        var orchestrations = await catalog.ListOrchestrationsAsync(cancellationToken);
        return [.. (await VisibleDestinationsAsync(caller, cancellationToken))
            .OrderBy(d => d.Name, StringComparer.OrdinalIgnoreCase)
            .Select(d => new DestinationListing(d, credentials.GetValueOrDefault(d.CredentialId), SendingTo(d, orchestrations)))];
    }

    /// <summary>One destination by name or id.</summary>
    public async Task<UseCaseResult<DestinationListing>> FindDestinationAsync(Caller caller, string key, CancellationToken cancellationToken)
    {
        if (caller.Denied(HeraldActions.CatalogRead) is { } denied)
        {
            return denied;
        }
        if (await catalog.FindDestinationAsync(key, cancellationToken) is not { } destination || !DestinationAccess.MaySee(caller, destination))
        {
            return Refusal.NotFound("destination", key);
        }
        return new DestinationListing(destination, await catalog.GetCredentialAsync(destination.CredentialId, cancellationToken),
            SendingTo(destination, await catalog.ListOrchestrationsAsync(cancellationToken)));
    }

    /// <summary>Every orchestration, by name, with its destination and latest run.</summary>
    public async Task<IReadOnlyList<OrchestrationListing>> ListOrchestrationsAsync(Caller caller, CancellationToken cancellationToken)
    {
        if (!caller.Grant.Allows(HeraldActions.CatalogRead))
        {
            return [];
        }
        var destinations = (await catalog.ListDestinationsAsync(cancellationToken)).ToDictionary(d => d.Id);
        var listings = new List<OrchestrationListing>();
        foreach (var orchestration in (await catalog.ListOrchestrationsAsync(cancellationToken)).OrderBy(o => o.Name, StringComparer.OrdinalIgnoreCase))
        {
            if (destinations.GetValueOrDefault(orchestration.DestinationId) is { } hidden && !DestinationAccess.MaySee(caller, hidden))
            {
                continue;
            }
            listings.Add(new OrchestrationListing(orchestration, destinations.GetValueOrDefault(orchestration.DestinationId),
                await LastRunAsync(orchestration, cancellationToken)));
        }
        return listings;
    }

    /// <summary>One orchestration by name or id; one sending to an admin-only destination the caller may not see is not found.</summary>
    public async Task<UseCaseResult<OrchestrationListing>> FindOrchestrationAsync(Caller caller, string key, CancellationToken cancellationToken)
    {
        if (caller.Denied(HeraldActions.CatalogRead) is { } denied)
        {
            return denied;
        }
        if (await catalog.FindOrchestrationAsync(key, cancellationToken) is not { } orchestration)
        {
            return Refusal.NotFound("orchestration", key);
        }
        var destination = await catalog.GetDestinationAsync(orchestration.DestinationId, cancellationToken);
        return destination is not null && !DestinationAccess.MaySee(caller, destination)
            ? Refusal.NotFound("orchestration", key)
            : new OrchestrationListing(orchestration, destination, await LastRunAsync(orchestration, cancellationToken));
    }

    private async Task<IReadOnlyList<Destination>> VisibleDestinationsAsync(Caller caller, CancellationToken cancellationToken) =>
        [.. (await catalog.ListDestinationsAsync(cancellationToken)).Where(d => DestinationAccess.MaySee(caller, d))];

    private async Task<Run?> LastRunAsync(Orchestration orchestration, CancellationToken cancellationToken) =>
        (await runs.ListAsync(new RunQuery(OrchestrationId: orchestration.Id, Limit: 1, Test: false), cancellationToken)).FirstOrDefault();

    private static IReadOnlyList<string> UsedBy(Credential credential, IReadOnlyList<Destination> destinations) =>
        [.. destinations.Where(d => d.CredentialId == credential.Id).Select(d => d.Name).Order(StringComparer.OrdinalIgnoreCase)];

    private static IReadOnlyList<string> SendingTo(Destination destination, IReadOnlyList<Orchestration> orchestrations) =>
        [.. orchestrations.Where(o => o.DestinationId == destination.Id).Select(o => o.Name).Order(StringComparer.OrdinalIgnoreCase)];
}
