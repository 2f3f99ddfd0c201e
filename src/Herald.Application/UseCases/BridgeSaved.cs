using Herald.Core.Bridges;
using Herald.Core.Ports;

namespace Herald.Application.UseCases;

/// <summary>A saved bridge, its credential's name (null for a folder), and the connection test made on saving (null when it was skipped).</summary>
public sealed record BridgeSaved(Bridge Bridge, string? CredentialName, ConnectionCheck? Connection);
