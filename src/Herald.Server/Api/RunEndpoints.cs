using Herald.Core.Audiences;
using Herald.Core.Ports;
using Herald.Core.Runs;
using Herald.Server.Runs;
using Herald.Sources.DuckDb;

namespace Herald.Server.Api;

internal static class RunEndpoints
{
    public static void MapRunEndpoints(this RouteGroupBuilder api)
    {
        api.MapPost("/sends", async (SendRequest request, ICatalogStore catalog, RunLauncher launcher, CancellationToken ct) =>
        {
            if (string.IsNullOrWhiteSpace(request.Destination) || await catalog.FindDestinationAsync(request.Destination, ct) is not { } destination)
            {
                return ApiResults.NotFound("destination", request.Destination ?? "");
            }
            try
            {
                var run = await launcher.StartSendAsync(destination, request.Query, request.AllowEmpty, request.SegmentName, request.SampleSize,
                    OrchestrationEndpoints.StartedBy(request.StartedBy), ct, request.Force);
                return Results.Accepted($"/api/runs/{run.Id}", run.ToView([]));
            }
            catch (CatalogProblem problem)
            {
                return ApiResults.Problem(problem.Status, problem.Message);
            }
        });

        api.MapPost("/queries/preview", async (QueryPreviewRequest request, IAudienceSource source, PreviewGate gate, CancellationToken ct) =>
        {
            using var lease = gate.TryEnter();
            if (!lease.IsAcquired)
            {
                return ApiResults.Problem(StatusCodes.Status429TooManyRequests, gate.Refusal);
            }
            try
            {
                var preview = await source.PreviewAsync(request.Query ?? "", Math.Clamp(request.MaxRows, 0, 1000), ct);
                var problem = request.AttributeName is null ? null : AudienceColumnCheck.Problem(preview.Columns, request.AttributeName);
                var check = request.AttributeName is null ? "No attribute given to check the column against."
                    : problem ?? $"One column named '{request.AttributeName}'.";
                return Results.Ok(new QueryPreviewView(preview.Columns, preview.Rows, request.AttributeName is not null && problem is null, check, preview.Shortened));
            }
            catch (AudienceRejectedException rejected)
            {
                return ApiResults.Problem(StatusCodes.Status400BadRequest, rejected.Message);
            }
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
        runs.MapGet("/{id}/diff-sample", async (string id, IRunStore store, IDiffSampleStore samples, CancellationToken ct) =>
        {
            if (!Guid.TryParse(id, out var runId) || await store.GetAsync(runId, ct) is null)
            {
                return ApiResults.Problem(StatusCodes.Status404NotFound, $"No run with id '{id}'. List runs with: herald run list.");
            }
            return await samples.ReadAsync(runId, ct) is { } sample
                ? Results.Ok(new DiffSampleView(runId, sample.Added, sample.Removed, sample.Kept))
                : ApiResults.Problem(StatusCodes.Status404NotFound, "This run has no diff sample: it did not compare its audience with Insider One's segment.");
        });

        runs.MapPost("/{id}/cancel", async (string id, IRunStore store, RunUpdater updater, TimeProvider clock, CancellationToken ct) =>
        {
            if (!Guid.TryParse(id, out var runId) || await store.GetAsync(runId, ct) is null)
            {
                return ApiResults.Problem(StatusCodes.Status404NotFound, $"No run with id '{id}'.");
            }
            var (run, cancelled) = await updater.UpdateAsync(runId, r =>
            {
                if (r.IsFinal)
                {
                    return false;
                }
                r.Cancel(r.State == RunState.AwaitingReport
                    ? "Cancelled by a user while waiting for Insider One's report; the segment was already submitted and stays in Insider One."
                    : "Cancelled by a user; nothing more will be sent for this run.", clock.GetUtcNow());
                return true;
            }, ct);
            return cancelled
                ? Results.Ok(run.ToView(await store.ListCallsAsync(runId, ct)))
                : ApiResults.Problem(StatusCodes.Status409Conflict, $"The run is {run.State.ToWireName()} already; there is nothing to cancel.");
        });
    }
}
