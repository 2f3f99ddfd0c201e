using System.Net;

namespace Herald.InsiderOne;

/// <summary>One failed attempt to fetch a segment's file: an HTTP status, or a network failure or timeout (no status).</summary>
internal sealed class FileDownloadException(HttpStatusCode? status, Exception? inner = null)
    : Exception(status is { } s ? $"The file download answered {(int)s}." : "The file download failed.", inner)
{
    public HttpStatusCode? Status { get; } = status;

    public bool IsTransient => Status is null or HttpStatusCode.TooManyRequests || (int)Status >= 500;
}
