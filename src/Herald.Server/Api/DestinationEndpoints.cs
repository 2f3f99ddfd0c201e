using Herald.Core.Catalog;
using Herald.Core.Ports;
using Herald.Core.Updates;

namespace Herald.Server.Api;

internal static class DestinationEndpoints
{
    public static void MapDestinationEndpoints(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/destinations");

        group.MapGet("/", async (ICatalogStore catalog, CancellationToken ct) =>
        {
            var credentials = (await catalog.ListCredentialsAsync(ct)).ToDictionary(c => c.Id, c => c.Name);
            var destinations = await catalog.ListDestinationsAsync(ct);
            return Results.Ok(destinations.Select(d => d.ToView(credentials.GetValueOrDefault(d.CredentialId, "(deleted)"))));
        });

        group.MapGet("/{key}", async (string key, ICatalogStore catalog, CancellationToken ct) =>
            await catalog.FindDestinationAsync(key, ct) is { } destination
                ? Results.Ok(destination.ToView((await catalog.GetCredentialAsync(destination.CredentialId, ct))?.Name ?? "(deleted)"))
                : ApiResults.NotFound("destination", key));

        group.MapPost("/", async (DestinationInput input, ICatalogStore catalog, TimeProvider clock, CancellationToken ct) =>
        {
            var errors = new List<string>();
            errors.AddRange(CatalogRules.CheckCatalogName(input.Name, "destination"));
            errors.AddRange(CatalogRules.CheckSegmentName(input.SegmentName));
            errors.AddRange(CatalogRules.CheckAttributeName(input.AttributeName));
            var mode = ParseUpdateMode(input.UpdateMode, errors) ?? SegmentUpdateMode.Replace;
            errors.AddRange(CatalogRules.CheckSplitSegmentName(input.SegmentName, input.AllowSplit));
            errors.AddRange(CatalogRules.CheckShrinkGuardShare(input.ShrinkGuardShare));
            var credential = string.IsNullOrWhiteSpace(input.Credential) ? null : await catalog.FindCredentialAsync(input.Credential, ct);
            if (credential is null)
            {
                errors.Add($"No credential named '{input.Credential}'; add one first (herald credential add) or name an existing one.");
            }
            if (errors.Count > 0)
            {
                return ApiResults.Invalid("destination", errors);
            }
            if (await catalog.FindDestinationAsync(input.Name, ct) is not null)
            {
                return ApiResults.Problem(StatusCodes.Status409Conflict, $"A destination named '{input.Name}' exists already; choose another name or update it.");
            }
            var now = clock.GetUtcNow();
            var destination = new Destination(Guid.NewGuid(), input.Name, credential!.Id, input.SegmentName, input.AttributeName,
                CredentialEndpoints.Blank(input.Description), now, now, mode, input.AllowSplit, input.ShrinkGuardShare);
            await catalog.SaveDestinationAsync(destination, ct);
            return Results.Created($"/api/destinations/{destination.Name}", destination.ToView(credential.Name));
        });

        group.MapPut("/{key}", async (string key, DestinationUpdate update, ICatalogStore catalog, TimeProvider clock, CancellationToken ct) =>
        {
            if (await catalog.FindDestinationAsync(key, ct) is not { } destination)
            {
                return ApiResults.NotFound("destination", key);
            }
            var errors = new List<string>();
            if (update.SegmentName is not null)
            {
                errors.AddRange(CatalogRules.CheckSegmentName(update.SegmentName));
            }
            if (update.AttributeName is not null)
            {
                errors.AddRange(CatalogRules.CheckAttributeName(update.AttributeName));
            }
            var mode = ParseUpdateMode(update.UpdateMode, errors) ?? destination.UpdateMode;
            errors.AddRange(CatalogRules.CheckSplitSegmentName(update.SegmentName ?? destination.SegmentName, update.AllowSplit ?? destination.AllowSplit));
            errors.AddRange(CatalogRules.CheckShrinkGuardShare(update.ShrinkGuardShare));
            var credential = await catalog.FindCredentialAsync(update.Credential ?? destination.CredentialId.ToString(), ct);
            if (credential is null)
            {
                errors.Add($"No credential named '{update.Credential}'.");
            }
            if (errors.Count > 0)
            {
                return ApiResults.Invalid("destination", errors);
            }
            var changed = destination with
            {
                CredentialId = credential!.Id,
                SegmentName = update.SegmentName ?? destination.SegmentName,
                AttributeName = update.AttributeName ?? destination.AttributeName,
                Description = update.Description is null ? destination.Description : CredentialEndpoints.Blank(update.Description),
                UpdateMode = mode,
                AllowSplit = update.AllowSplit ?? destination.AllowSplit,
                ShrinkGuardShare = update.ShrinkGuardShare ?? destination.ShrinkGuardShare,
                UpdatedAt = clock.GetUtcNow(),
            };
            await catalog.SaveDestinationAsync(changed, ct);
            return Results.Ok(changed.ToView(credential.Name));
        });

        group.MapDelete("/{key}", async (string key, ICatalogStore catalog, CancellationToken ct) =>
        {
            if (await catalog.FindDestinationAsync(key, ct) is not { } destination)
            {
                return ApiResults.NotFound("destination", key);
            }
            var usedBy = (await catalog.ListOrchestrationsAsync(ct)).Where(o => o.DestinationId == destination.Id).Select(o => $"'{o.Name}'").ToList();
            if (usedBy.Count > 0)
            {
                return ApiResults.Problem(StatusCodes.Status409Conflict,
                    $"The destination '{destination.Name}' is used by orchestration(s) {string.Join(", ", usedBy)}; remove them first.");
            }
            await catalog.DeleteDestinationAsync(destination.Id, ct);
            return Results.NoContent();
        });
    }

    /// <summary>Null when not given (or wrong, with the error added).</summary>
    private static SegmentUpdateMode? ParseUpdateMode(string? name, List<string> errors)
    {
        if (name is null)
        {
            return null;
        }
        if (SegmentUpdateModes.TryParse(name, out var mode))
        {
            return mode;
        }
        errors.Add($"The update mode '{name}' is not known: use 'replace' (the segment becomes exactly the audience) or 'add' (members are never removed).");
        return null;
    }
}
