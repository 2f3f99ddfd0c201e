using Herald.Core.Audiences;
using Herald.Core.Catalog;
using Herald.Core.Ports;
using Herald.Application.UseCases;
using Herald.Sources.DuckDb;

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

        group.MapPost("/", async (OrchestrationInput input, ICatalogStore catalog, IAudienceSource source, TimeProvider clock, CancellationToken ct) =>
        {
            var errors = new List<string>(CatalogRules.CheckCatalogName(input.Name, "orchestration"));
            var destination = string.IsNullOrWhiteSpace(input.Destination) ? null : await catalog.FindDestinationAsync(input.Destination, ct);
            if (destination is null)
            {
                errors.Add($"No destination named '{input.Destination}'; add one first (herald destination add) or name an existing one.");
            }
            else
            {
                errors.AddRange(await CheckQueryAsync(source, input.Query, destination.AttributeName, ct));
            }
            if (errors.Count > 0)
            {
                return ApiResults.Invalid("orchestration", errors);
            }
            if (await catalog.FindOrchestrationAsync(input.Name, ct) is not null)
            {
                return ApiResults.Problem(StatusCodes.Status409Conflict, $"An orchestration named '{input.Name}' exists already; choose another name or update it.");
            }
            var now = clock.GetUtcNow();
            var orchestration = new Orchestration(Guid.NewGuid(), input.Name, destination!.Id, input.Query.Trim(), input.AllowEmpty,
                CredentialEndpoints.Blank(input.Description), now, now);
            await catalog.SaveOrchestrationAsync(orchestration, ct);
            return Results.Created($"/api/orchestrations/{orchestration.Name}", orchestration.ToView(destination.Name, null));
        });

        group.MapPut("/{key}", async (string key, OrchestrationUpdate update, ICatalogStore catalog, IAudienceSource source, IRunStore runs, TimeProvider clock, CancellationToken ct) =>
        {
            if (await catalog.FindOrchestrationAsync(key, ct) is not { } orchestration)
            {
                return ApiResults.NotFound("orchestration", key);
            }
            var destination = await catalog.FindDestinationAsync(update.Destination ?? orchestration.DestinationId.ToString(), ct);
            var errors = new List<string>();
            if (destination is null)
            {
                errors.Add($"No destination named '{update.Destination}'.");
            }
            else
            {
                errors.AddRange(await CheckQueryAsync(source, update.Query ?? orchestration.Query, destination.AttributeName, ct));
            }
            if (errors.Count > 0)
            {
                return ApiResults.Invalid("orchestration", errors);
            }
            var changed = orchestration with
            {
                DestinationId = destination!.Id,
                Query = update.Query?.Trim() ?? orchestration.Query,
                AllowEmpty = update.AllowEmpty ?? orchestration.AllowEmpty,
                Description = update.Description is null ? orchestration.Description : CredentialEndpoints.Blank(update.Description),
                UpdatedAt = clock.GetUtcNow(),
            };
            await catalog.SaveOrchestrationAsync(changed, ct);
            return Results.Ok(changed.ToView(destination.Name, await LastRunAsync(runs, changed, ct)));
        });

        group.MapDelete("/{key}", async (string key, ICatalogStore catalog, CancellationToken ct) =>
        {
            if (await catalog.FindOrchestrationAsync(key, ct) is not { } orchestration)
            {
                return ApiResults.NotFound("orchestration", key);
            }
            await catalog.DeleteOrchestrationAsync(orchestration.Id, ct);
            return Results.NoContent();
        });

        group.MapPost("/{key}/runs", async (string key, RunRequest? request, HttpContext http, RunUseCases useCases, CancellationToken ct) =>
            ApiResults.Started(await useCases.StartOrchestrationAsync(Callers.Api(http), key, request?.AllowEmpty, request?.Force ?? false, ct)));
    }

    /// <summary>
    /// Checked when an orchestration is saved, so that a write statement or a wrong column is refused at
    /// once; the run checks again, since the customer 360 can change in between.
    /// </summary>
    internal static async Task<IReadOnlyList<string>> CheckQueryAsync(IAudienceSource source, string? query, string attributeName, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(query))
        {
            return ["The query is empty: give a SELECT that returns one column of values."];
        }
        try
        {
            var preview = await source.PreviewAsync(query, 0, ct);
            return AudienceColumnCheck.Problem(preview.Columns, attributeName) is { } problem ? [problem] : [];
        }
        catch (AudienceRejectedException rejected)
        {
            return [rejected.Message];
        }
    }

    private static async Task<RunSummary?> LastRunAsync(IRunStore runs, Orchestration orchestration, CancellationToken ct) =>
        (await runs.ListAsync(new RunQuery(OrchestrationId: orchestration.Id, Limit: 1), ct)).FirstOrDefault()?.ToSummary();
}
