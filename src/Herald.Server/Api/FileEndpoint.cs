using Herald.Server.Runs;
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
        app.MapMethods(LocalAudienceFileStore.UrlPath + "{fileName}", ["GET", "HEAD"],
            async (string fileName, long? expires, string? signature, HttpRequest request, UrlSigner signer, LocalAudienceFileStore files,
                RunUpdater updater, TimeProvider clock, CancellationToken ct) =>
        {
            if (expires is null || !signer.Verify(fileName, expires.Value, signature))
            {
                return ApiResults.Problem(StatusCodes.Status403Forbidden, "The file URL's signature is not valid.");
            }
            if (clock.GetUtcNow() > DateTimeOffset.FromUnixTimeSeconds(expires.Value))
            {
                return ApiResults.Problem(StatusCodes.Status403Forbidden, "The file URL has expired.");
            }
            if (files.ResolveServedPath(fileName) is not { } path)
            {
                return ApiResults.Problem(StatusCodes.Status404NotFound, "The file is no longer available.");
            }
            if (HttpMethods.IsGet(request.Method) && Guid.TryParseExact(fileName[..32], "N", out var runId))
            {
                // Noted once per part: later downloads (ranges, retries) read the run but write nothing.
                try
                {
                    await updater.UpdateAsync(runId, run => run.RecordFileDownload(fileName, clock.GetUtcNow()), ct);
                }
                catch (KeyNotFoundException)
                {
                    // The run is gone (its file outlived it): serve the file all the same.
                }
            }
            return Results.File(path, "text/csv; charset=utf-8", fileName, enableRangeProcessing: true);
        });
    }
}
