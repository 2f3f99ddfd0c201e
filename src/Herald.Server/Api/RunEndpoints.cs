using Herald.Core.Audiences;
using Herald.Core.Ports;
using Herald.Core.Runs;
using Herald.Application.UseCases;

namespace Herald.Server.Api;

internal static class RunEndpoints
{
    public static void MapRunEndpoints(this RouteGroupBuilder api)
    {
        api.MapPost("/sends", async (SendRequest request, HttpContext http, RunUseCases useCases, CancellationToken ct) =>
            ApiResults.Started(await useCases.SendAsync(Callers.Api(http),
                new SendCommand(request.Destination, request.Query, request.AllowEmpty, request.SegmentName, request.SampleSize, request.Force), ct)));

        api.MapPost("/queries/preview", async (QueryPreviewRequest request, HttpContext http, OrchestrationUseCases useCases, CancellationToken ct) =>
        {
            var preview = await useCases.PreviewAsync(Callers.Api(http), request.Query, request.AttributeName, request.MaxRows, ct);
            return preview.Succeeded
                ? Results.Ok(new QueryPreviewView(preview.Value.Columns, preview.Value.Rows, preview.Value.ColumnCheckPassed, preview.Value.ColumnCheck,
                    preview.Value.Shortened))
                : ApiResults.From(preview.Refusal);
        });

        var runs = api.MapGroup("/runs");

        runs.MapGet("/", async (string? state, string? destination, string? orchestration, string? startedBy, string? search, int? limit,
            ICatalogStore catalog, IRunStore store, CancellationToken ct) =>
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
            Guid? destinationId = null, orchestrationId = null;
            if (!string.IsNullOrWhiteSpace(destination))
            {
                destinationId = (await catalog.FindDestinationAsync(destination, ct))?.Id ?? Guid.Empty;
            }
            if (!string.IsNullOrWhiteSpace(orchestration))
            {
                orchestrationId = (await catalog.FindOrchestrationAsync(orchestration, ct))?.Id ?? Guid.Empty;
            }
            var list = await store.ListAsync(new RunQuery(stateFilter, destinationId, orchestrationId,
                string.IsNullOrWhiteSpace(startedBy) ? null : startedBy, search, limit ?? 50), ct);
            return Results.Ok(list.Select(r => r.ToSummary()));
        });

        runs.MapGet("/{id}", async (string id, IRunStore store, CancellationToken ct) =>
        {
            if (!Guid.TryParse(id, out var runId) || await store.GetAsync(runId, ct) is not { } run)
            {
                return ApiResults.Problem(StatusCodes.Status404NotFound, $"No run with id '{id}'. List runs with: herald run list.");
            }
            return Results.Ok(run.ToView(await store.ListCallsAsync(runId, ct)));
        });

        // The values a run added, removed and kept are personal data. Until access control comes (roadmap 5), any
        // holder of the API key may read them, as any holder may read the customer 360 through a query preview.
        runs.MapGet("/{id}/diff-sample", async (string id, HttpContext http, RunUseCases useCases, CancellationToken ct) =>
        {
            if (!Guid.TryParse(id, out var runId))
            {
                return ApiResults.Problem(StatusCodes.Status404NotFound, $"No run with id '{id}'. List runs with: herald run list.");
            }
            var sample = await useCases.DiffSampleAsync(Callers.Api(http), runId, ct);
            return sample.Succeeded
                ? Results.Ok(new DiffSampleView(runId, sample.Value.Added, sample.Value.Removed, sample.Value.Kept))
                : ApiResults.From(sample.Refusal);
        });

        runs.MapPost("/{id}/cancel", async (string id, HttpContext http, IRunStore store, RunUseCases useCases, CancellationToken ct) =>
        {
            if (!Guid.TryParse(id, out var runId))
            {
                return ApiResults.Problem(StatusCodes.Status404NotFound, $"No run with id '{id}'.");
            }
            var cancelled = await useCases.CancelAsync(Callers.Api(http), runId, ct);
            return cancelled.Succeeded
                ? Results.Ok(cancelled.Value.ToView(await store.ListCallsAsync(runId, ct)))
                : ApiResults.From(cancelled.Refusal);
        });
    }
}
