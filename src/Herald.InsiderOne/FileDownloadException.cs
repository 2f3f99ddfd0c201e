using System.Net;

namespace Herald.InsiderOne;

/// <summary>
/// One failed attempt to fetch a segment's file: an HTTP status, a network failure or timeout (no status), or a refusal
/// Herald made itself (<see cref="Refusal"/>: a redirect, an internal address, a file over the size limit), which is never retried.
/// </summary>
internal sealed class FileDownloadException(HttpStatusCode? status, Exception? inner = null, string? refusal = null)
    : Exception(refusal ?? (status is { } s ? $"The file download answered {(int)s}." : "The file download failed."), inner)
{
    public HttpStatusCode? Status { get; } = status;

    public string? Refusal { get; } = refusal;

    public bool IsTransient => Refusal is null && (Status is null or HttpStatusCode.TooManyRequests || (int)Status >= 500);
}
