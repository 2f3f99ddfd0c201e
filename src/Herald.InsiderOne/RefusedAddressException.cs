namespace Herald.InsiderOne;

/// <summary>A connection Herald refused to open because its address is internal (see <see cref="InsiderOneConnections"/>); never retried.</summary>
public sealed class RefusedAddressException(string message) : IOException(message);
