namespace Herald.Core.Ports;

/// <summary>A channel's receiver refused an alert or could not be reached.</summary>
/// <param name="Status">The HTTP status or SMTP reply code, when one came.</param>
public sealed class AlertSendException(string message, int? status = null, Exception? inner = null) : Exception(message, inner)
{
    public int? Status { get; } = status;
}
