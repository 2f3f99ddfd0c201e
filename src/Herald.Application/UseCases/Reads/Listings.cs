using Herald.Core.Catalog;
using Herald.Core.Runs;

namespace Herald.Application.UseCases;

/// <summary>A credential as lists and detail pages show it, with the destinations that use it (by name).</summary>
public sealed record CredentialListing(Credential Credential, IReadOnlyList<string> UsedBy);

/// <summary>A destination as lists and detail pages show it: its credential (null when deleted) and the orchestrations sending to it (by name).</summary>
public sealed record DestinationListing(Destination Destination, Credential? Credential, IReadOnlyList<string> Orchestrations)
{
    /// <summary>The credential's name, or null when it was deleted.</summary>
    public string? CredentialName => Credential?.Name;
}

/// <summary>An orchestration as lists and detail pages show it: its destination (null when deleted) and its latest run, if any.</summary>
public sealed record OrchestrationListing(Orchestration Orchestration, Destination? Destination, Run? LastRun)
{
    /// <summary>The destination's name, or null when it was deleted.</summary>
    public string? DestinationName => Destination?.Name;
}

/// <summary>One run with the calls recorded for it and the credential it used (null when deleted since).</summary>
public sealed record RunDetails(Run Run, IReadOnlyList<RunCall> Calls, Credential? Credential);
