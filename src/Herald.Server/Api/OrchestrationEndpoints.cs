using Herald.Core.Audiences;
using Herald.Core.Catalog;
using Herald.Core.Ports;
using Herald.Application.UseCases;

namespace Herald.Server.Api;

internal static class OrchestrationEndpoints
{
    public static void MapOrchestrationEndpoints(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/orchestrations");

        group.MapGet("/", async (ICatalogStore catalog, IRunStore runs, CancellationToken ct) =>
        {
            var destinations = (await catalog.ListDestinationsAsync(ct)).ToDictionary(d => d.Id, d => d.Name);
            var views = new List<OrchestrationView>();
            foreach (var orchestration in await catalog.ListOrchestrationsAsync(ct))
            {
                views.Add(orchestration.ToView(destinations.GetValueOrDefault(orchestration.DestinationId, "(deleted)"), await LastRunAsync(runs, orchestration, ct)));
            }
            return Results.Ok(views);
        });

        group.MapGet("/{key}", async (string key, ICatalogStore catalog, IRunStore runs, CancellationToken ct) =>
        {
            if (await catalog.FindOrchestrationAsync(key, ct) is not { } orchestration)
            {
                return ApiResults.NotFound("orchestration", key);
            }
            var destination = await catalog.GetDestinationAsync(orchestration.DestinationId, ct);
            return Results.Ok(orchestration.ToView(destination?.Name ?? "(deleted)", await LastRunAsync(runs, orchestration, ct)));
        });

        group.MapPost("/", async (OrchestrationInput input, HttpContext http, OrchestrationUseCases useCases, ICatalogStore catalog, CancellationToken ct) =>
        {
            var added = await useCases.CreateAsync(Callers.Api(http), new OrchestrationDraft(input.Name, input.Destination, input.Query, input.AllowEmpty, input.Description), ct);
            return added.Succeeded
                ? Results.Created($"/api/orchestrations/{added.Value.Name}",
                    added.Value.ToView((await catalog.GetDestinationAsync(added.Value.DestinationId, ct))?.Name ?? "(deleted)", null))
                : ApiResults.From(added.Refusal);
        });

        group.MapPut("/{key}", async (string key, OrchestrationUpdate update, HttpContext http, OrchestrationUseCases useCases, ICatalogStore catalog, IRunStore runs,
            CancellationToken ct) =>
        {
            var changed = await useCases.UpdateAsync(Callers.Api(http), key, new OrchestrationChanges(update.Destination, update.Query, update.AllowEmpty, update.Description), ct);
            if (!changed.Succeeded)
            {
                return ApiResults.From(changed.Refusal);
            }
            var destination = await catalog.GetDestinationAsync(changed.Value.DestinationId, ct);
            return Results.Ok(changed.Value.ToView(destination?.Name ?? "(deleted)", await LastRunAsync(runs, changed.Value, ct)));
        });

        group.MapDelete("/{key}", async (string key, HttpContext http, OrchestrationUseCases useCases, CancellationToken ct) =>
        {
            var removed = await useCases.RemoveAsync(Callers.Api(http), key, ct);
            return removed.Succeeded ? Results.NoContent() : ApiResults.From(removed.Refusal);
        });

        group.MapPost("/{key}/runs", async (string key, RunRequest? request, HttpContext http, RunUseCases useCases, CancellationToken ct) =>
            ApiResults.Started(await useCases.StartOrchestrationAsync(Callers.Api(http), key, request?.AllowEmpty, request?.Force ?? false, ct)));
    }

    private static async Task<RunSummary?> LastRunAsync(IRunStore runs, Orchestration orchestration, CancellationToken ct) =>
        (await runs.ListAsync(new RunQuery(OrchestrationId: orchestration.Id, Limit: 1), ct)).FirstOrDefault()?.ToSummary();
}
