using Herald.Application.UseCases;
using Herald.Storage.Files;

namespace Herald.Server.Api;

/// <summary>
/// Serves audience files to Insider One. The URL's signature covers the file name and its expiry, so the
/// URL is the credential: a changed signature, a changed expiry or an expired URL is refused.
/// </summary>
internal static class FileEndpoint
{
    /// <summary>How far another instance's clock may run ahead of this one's when it signs a URL.</summary>
    private static readonly TimeSpan MaxClockSkew = TimeSpan.FromMinutes(5);

    public static void MapFileEndpoint(this IEndpointRouteBuilder app)
    {
        app.MapMethods(LocalFileHost.UrlPath + "{fileName}", ["GET", "HEAD"],
            async (string fileName, long? expires, string? signature, HttpRequest request, UrlSigner signer, LocalFileHost files,
                RunUseCases runs, TimeProvider clock, Microsoft.Extensions.Options.IOptions<Hosting.HeraldOptions> options, CancellationToken ct) =>
        {
            if (expires is null || !signer.Verify(fileName, expires.Value, signature))
            {
                return ApiResults.Problem(StatusCodes.Status403Forbidden, "The file URL's signature is not valid.");
            }
            var now = clock.GetUtcNow();
            if (now.ToUnixTimeSeconds() > expires.Value)
            {
                return ApiResults.Problem(StatusCodes.Status403Forbidden, "The file URL has expired.");
            }
            // Herald never signs a URL for longer than the lifetime: one that claims more was not made by this configuration
            // (an old key, a changed setting), and a URL that works for years is a leak waiting to happen.
            if (expires.Value > (now + options.Value.Files.UrlLifetime + MaxClockSkew).ToUnixTimeSeconds())
            {
                return ApiResults.Problem(StatusCodes.Status403Forbidden, "The file URL's expiry lies further ahead than Herald:Files:UrlLifetime allows.");
            }
            if (files.ResolveServedPath(fileName) is not { } path)
            {
                return ApiResults.Problem(StatusCodes.Status404NotFound, "The file is no longer available.");
            }
            if (HttpMethods.IsGet(request.Method) && Guid.TryParseExact(fileName[..32], "N", out var runId))
            {
                // Noted once per part: later downloads (ranges, retries) read the run but write nothing. A run that is
                // gone (its file outlived it) changes nothing: the file is served all the same.
                await runs.NoteFileDownloadAsync(Callers.InsiderOne(request.HttpContext), runId, fileName, ct);
            }
            return Results.File(path, "text/csv; charset=utf-8", fileName, enableRangeProcessing: true);
        }).WithTags("Insider One").WithSummary("An audience file, for Insider One to download by its signed, expiring URL")
            .Produces(200, contentType: "text/csv").Problems(403, 404);
    }
}
