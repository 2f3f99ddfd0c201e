using Herald.Storage.Files;

namespace Herald.Server.Api;

/// <summary>
/// Serves audience files to Insider One. The URL's signature covers the file name and its expiry, so the
/// URL is the credential: a changed signature, a changed expiry or an expired URL is refused.
/// </summary>
internal static class FileEndpoint
{
    public static void MapFileEndpoint(this IEndpointRouteBuilder app)
    {
        app.MapMethods(LocalFileHost.UrlPath + "{fileName}", ["GET", "HEAD"],
            (string fileName, long? expires, string? signature, UrlSigner signer, LocalFileHost files, TimeProvider clock) =>
        {
            if (expires is null || !signer.Verify(fileName, expires.Value, signature))
            {
                return ApiResults.Problem(StatusCodes.Status403Forbidden, "The file URL's signature is not valid.");
            }
            if (clock.GetUtcNow() > DateTimeOffset.FromUnixTimeSeconds(expires.Value))
            {
                return ApiResults.Problem(StatusCodes.Status403Forbidden, "The file URL has expired.");
            }
            return files.ResolveServedPath(fileName) is { } path
                ? Results.File(path, "text/csv; charset=utf-8", fileName, enableRangeProcessing: true)
                : ApiResults.Problem(StatusCodes.Status404NotFound, "The file is no longer available.");
        });
    }
}
