using Herald.Core.Bridges;
using Herald.Core.Ports;

namespace Herald.Application.UseCases;

/// <summary>A saved bridge, with the connection test made on saving (null when it was skipped).</summary>
public sealed record BridgeSaved(Bridge Bridge, ConnectionCheck? Connection);
