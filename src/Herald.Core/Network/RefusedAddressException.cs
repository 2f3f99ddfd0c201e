namespace Herald.Core.Network;

/// <summary>A connection Herald refused to open because its address is internal (see <see cref="InternalAddresses.ConnectAsync"/>); never retried.</summary>
public sealed class RefusedAddressException(string message) : IOException(message);
