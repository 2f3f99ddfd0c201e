using Herald.InsiderOne;
using Herald.Core.Catalog;
using Herald.Core.Ports;

namespace Herald.Server.Api;

internal static class CredentialEndpoints
{
    public static void MapCredentialEndpoints(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/credentials");

        group.MapGet("/", async (ICatalogStore catalog, CancellationToken ct) =>
        {
            var destinations = await catalog.ListDestinationsAsync(ct);
            var credentials = await catalog.ListCredentialsAsync(ct);
            return Results.Ok(credentials.Select(c => c.ToView(UsedBy(c, destinations))));
        });

        group.MapGet("/{key}", async (string key, ICatalogStore catalog, CancellationToken ct) =>
            await catalog.FindCredentialAsync(key, ct) is { } credential
                ? Results.Ok(credential.ToView(UsedBy(credential, await catalog.ListDestinationsAsync(ct))))
                : ApiResults.NotFound("credential", key));

        group.MapPost("/", async (CredentialInput input, ICatalogStore catalog, TimeProvider clock, CancellationToken ct) =>
        {
            var plugin = string.IsNullOrWhiteSpace(input.Plugin) ? Plugins.InsiderOne : input.Plugin.Trim().ToLowerInvariant();
            var errors = new List<string>();
            errors.AddRange(CatalogRules.CheckCatalogName(input.Name, "credential"));
            if (!Plugins.IsKnown(plugin))
            {
                errors.Add($"The plugin '{input.Plugin}' is not known; use '{Plugins.InsiderOne}'.");
            }
            errors.AddRange(InsiderOneRules.CheckPartnerName(input.PartnerName));
            errors.AddRange(InsiderOneRules.CheckApiToken(input.ApiToken));
            if (errors.Count > 0)
            {
                return ApiResults.Invalid("credential", errors);
            }
            if (await catalog.FindCredentialAsync(input.Name, ct) is not null)
            {
                return ApiResults.Problem(StatusCodes.Status409Conflict, $"A credential named '{input.Name}' exists already; choose another name or update it.");
            }
            var now = clock.GetUtcNow();
            var credential = new Credential(Guid.NewGuid(), input.Name, plugin, input.PartnerName, Blank(input.Description), now, now);
            await catalog.SaveCredentialAsync(credential, input.ApiToken, ct);
            return Results.Created($"/api/credentials/{credential.Name}", credential.ToView([]));
        });

        group.MapPut("/{key}", async (string key, CredentialUpdate update, ICatalogStore catalog, TimeProvider clock, CancellationToken ct) =>
        {
            if (await catalog.FindCredentialAsync(key, ct) is not { } credential)
            {
                return ApiResults.NotFound("credential", key);
            }
            var errors = new List<string>();
            if (update.PartnerName is not null)
            {
                errors.AddRange(InsiderOneRules.CheckPartnerName(update.PartnerName));
            }
            if (update.ApiToken is not null)
            {
                errors.AddRange(InsiderOneRules.CheckApiToken(update.ApiToken));
            }
            if (errors.Count > 0)
            {
                return ApiResults.Invalid("credential", errors);
            }
            var changed = credential with
            {
                PartnerName = update.PartnerName ?? credential.PartnerName,
                Description = update.Description is null ? credential.Description : Blank(update.Description),
                UpdatedAt = clock.GetUtcNow(),
            };
            await catalog.SaveCredentialAsync(changed, update.ApiToken, ct);
            return Results.Ok(changed.ToView(UsedBy(changed, await catalog.ListDestinationsAsync(ct))));
        });

        group.MapDelete("/{key}", async (string key, ICatalogStore catalog, CancellationToken ct) =>
        {
            if (await catalog.FindCredentialAsync(key, ct) is not { } credential)
            {
                return ApiResults.NotFound("credential", key);
            }
            var usedBy = UsedBy(credential, await catalog.ListDestinationsAsync(ct));
            if (usedBy.Count > 0)
            {
                return ApiResults.Problem(StatusCodes.Status409Conflict,
                    $"The credential '{credential.Name}' is used by destination(s) {string.Join(", ", usedBy.Select(n => $"'{n}'"))}; point them at another credential or remove them first.");
            }
            await catalog.DeleteCredentialAsync(credential.Id, ct);
            return Results.NoContent();
        });
    }

    internal static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    private static IReadOnlyList<string> UsedBy(Credential credential, IReadOnlyList<Destination> destinations) =>
        [.. destinations.Where(d => d.CredentialId == credential.Id).Select(d => d.Name)];
}
