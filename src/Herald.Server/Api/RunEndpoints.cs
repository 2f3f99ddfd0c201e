using Herald.Core.Runs;
using Herald.Application.UseCases;

namespace Herald.Server.Api;

internal static class RunEndpoints
{
    public static void MapRunEndpoints(this RouteGroupBuilder api)
    {
        api.MapPost("/sends", async (SendRequest request, HttpContext http, RunUseCases useCases, CancellationToken ct) =>
            ApiResults.Started(await useCases.SendAsync(Callers.Api(http),
                new SendCommand(request.Destination, request.Query, request.AllowEmpty, request.SegmentName, request.SampleSize, request.Force), ct)))
            .WithTags("Runs").WithSummary("Send a query's audience to a destination (or a test sample to a segment of its own)").Produces<RunView>(202).Problems(400, 404, 409, 429);

        api.MapPost("/queries/preview", async (QueryPreviewRequest request, HttpContext http, OrchestrationUseCases useCases, CancellationToken ct) =>
        {
            var preview = await useCases.PreviewAsync(Callers.Api(http), request.Query, request.Destination, request.AttributeName, request.MaxRows, ct);
            return preview.Succeeded ? Results.Ok(preview.Value.ToView()) : ApiResults.From(preview.Refusal);
        }).WithTags("Queries")
            .WithSummary("Run a query read-only for its first rows, check its column against an attribute, and count what a run would send and set aside")
            .Produces<QueryPreviewView>().Problems(400, 404, 429);

        var runs = api.MapGroup("/runs").WithTags("Runs");

        runs.MapGet("/", async (string? state, string? destination, string? orchestration, string? startedBy, string? search, int? limit,
            HttpContext http, RunReads reads, CancellationToken ct) =>
        {
            RunState? stateFilter = null;
            if (!string.IsNullOrWhiteSpace(state))
            {
                if (!Enum.GetValues<RunState>().Any(s => s.ToWireName() == state))
                {
                    return ApiResults.Problem(StatusCodes.Status400BadRequest,
                        $"Unknown state '{state}'; use one of {string.Join(", ", Enum.GetValues<RunState>().Select(s => s.ToWireName()))}.");
                }
                stateFilter = RunStateExtensions.ParseWireName(state);
            }
            if (limit is < 1 or > RunFilter.MaxLimit)
            {
                return ApiResults.Problem(StatusCodes.Status400BadRequest, $"The limit must be between 1 and {RunFilter.MaxLimit}; it was {limit}.");
            }
            var list = await reads.ListAsync(Callers.Api(http), new RunFilter(stateFilter, destination, orchestration, startedBy, search, limit ?? 50), ct);
            return Results.Ok(list.Select(r => r.ToSummary()));
        }).WithSummary("List runs, newest first, by state, destination, orchestration, starter or text").Produces<RunSummary[]>().Problems(400);

        runs.MapGet("/{id}", async (string id, HttpContext http, RunReads reads, CancellationToken ct) =>
        {
            var found = Guid.TryParse(id, out var runId) ? await reads.GetAsync(Callers.Api(http), runId, ct) : null;
            return found is { Succeeded: true }
                ? Results.Ok(found.Value.Run.ToView(found.Value.Calls))
                : found?.Refusal is { Kind: RefusalKind.Forbidden } forbidden
                    ? ApiResults.From(forbidden)
                    : ApiResults.Problem(StatusCodes.Status404NotFound, $"No run with id '{id}'. List runs with: herald run list.");
        }).WithSummary("Show a run: its state, reasons, counts and recorded calls").Produces<RunView>().Problems(403, 404);

        // The values a run added, removed and kept are personal data: the use case hides them from a caller without pii:view.
        runs.MapGet("/{id}/diff-sample", async (string id, HttpContext http, RunUseCases useCases, CancellationToken ct) =>
        {
            if (!Guid.TryParse(id, out var runId))
            {
                return ApiResults.Problem(StatusCodes.Status404NotFound, $"No run with id '{id}'. List runs with: herald run list.");
            }
            var sample = await useCases.DiffSampleAsync(Callers.Api(http), runId, ct);
            return sample.Succeeded
                ? Results.Ok(new DiffSampleView(runId, sample.Value.Sample.Added, sample.Value.Sample.Removed, sample.Value.Sample.Kept, sample.Value.Redacted))
                : ApiResults.From(sample.Refusal);
        }).WithSummary("The values a run added, removed and kept (a sample; personal data)").Produces<DiffSampleView>().Problems(404);

        runs.MapPost("/{id}/cancel", async (string id, HttpContext http, RunReads reads, RunUseCases useCases, CancellationToken ct) =>
        {
            if (!Guid.TryParse(id, out var runId))
            {
                return ApiResults.Problem(StatusCodes.Status404NotFound, $"No run with id '{id}'.");
            }
            var caller = Callers.Api(http);
            var cancelled = await useCases.CancelAsync(caller, runId, ct);
            return cancelled.Succeeded
                ? Results.Ok(cancelled.Value.ToView((await reads.GetAsync(caller, runId, ct)).Value?.Calls ?? []))
                : ApiResults.From(cancelled.Refusal);
        }).WithSummary("Cancel a run that is not final").Produces<RunView>().Problems(404, 409);
    }
}
