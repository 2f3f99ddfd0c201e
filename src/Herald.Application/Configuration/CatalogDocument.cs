using Herald.Core.Catalog;

namespace Herald.Application.Configuration;

/// <summary>
/// The catalog as a neutral document (what <c>herald config export</c> writes and a sandbox copies): credentials with
/// their non-secret settings, destinations, orchestrations and saved segments, each list in name order, things referring to each other
/// by name. No ids, no times, no secrets.
/// </summary>
public sealed record CatalogDocument(
    IReadOnlyList<CredentialEntry> Credentials,
    IReadOnlyList<DestinationEntry> Destinations,
    IReadOnlyList<OrchestrationEntry> Orchestrations)
{
    /// <summary>The version of the file's shape; a file of another version is refused, so a shape change is never misread.</summary>
    public const int FormatVersion = 1;

    /// <summary>The saved segments, in name order; orchestrations name them.</summary>
    public IReadOnlyList<SegmentEntry> Segments { get; init; } = [];

    /// <summary>Every entry, credentials first.</summary>
    public IEnumerable<ICatalogEntry> Entries => Credentials.Cast<ICatalogEntry>().Concat(Destinations).Concat(Orchestrations).Concat(Segments);

    /// <summary>The document of stored records; a destination whose credential is missing (never, the store refuses it) names its id.</summary>
    public static CatalogDocument Of(IEnumerable<Credential> credentials, IEnumerable<Destination> destinations, IEnumerable<Orchestration> orchestrations)
    {
        var credentialNames = credentials.ToDictionary(c => c.Id, c => c.Name);
        var destinationList = destinations.ToList();
        var destinationNames = destinationList.ToDictionary(d => d.Id, d => d.Name);
        return new CatalogDocument(
            [.. credentials.Select(c => new CredentialEntry(c.Name, c.Plugin, c.Settings, c.Description)).OrderBy(e => e.Name, StringComparer.Ordinal)],
            [.. destinationList.Select(d => new DestinationEntry(d.Name, credentialNames.GetValueOrDefault(d.CredentialId) ?? d.CredentialId.ToString(), d.Settings, d.Description,
                d.AdminOnly, d.PiiAllowed))
                .OrderBy(e => e.Name, StringComparer.Ordinal)],
            [.. orchestrations.Select(o => new OrchestrationEntry(o.Name, destinationNames.GetValueOrDefault(o.DestinationId) ?? o.DestinationId.ToString(), o.Query, o.AllowEmpty, o.Description)
                { Segment = o.Segment, IdentifierColumn = o.IdentifierColumn })
                .OrderBy(e => e.Name, StringComparer.Ordinal)]);
    }
}
