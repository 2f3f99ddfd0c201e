using Herald.Core.Catalog;
using Herald.Core.Ports;

namespace Herald.Application.UseCases;

/// <summary>A saved destination, its credential, and what the connection test found (null when it was skipped).</summary>
public sealed record DestinationSaved(Destination Destination, Credential Credential, ConnectionCheck? Connection);
