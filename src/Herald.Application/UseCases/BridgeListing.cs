using Herald.Core.Bridges;

namespace Herald.Application.UseCases;

/// <summary>A bridge in a list: its credential's name (null for a folder) and its newest sync (null before any).</summary>
public sealed record BridgeListing(Bridge Bridge, string? CredentialName, BridgeSync? LastSync);
