using Herald.Core.Sandboxes;

namespace Herald.Application.Sandboxes;

/// <summary>A sandbox as the sandboxes page lists it.</summary>
/// <param name="Sandbox">The sandbox.</param>
/// <param name="ProductionMoved">
/// Whether production's configuration changed since the sandbox was copied or last pulled: a pull is due before it can be promoted.
/// </param>
public sealed record SandboxListing(Sandbox Sandbox, bool ProductionMoved);
