using Herald.Application.UseCases;
using Herald.Core.Catalog;
using Herald.Core.Ports;
using Herald.InsiderOne;

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

        group.MapPost("/", async (CredentialInput input, HttpContext http, CredentialUseCases useCases, CancellationToken ct) =>
        {
            // A plugin's own settings and secrets when given; Insider One's partner name and token otherwise.
            var draft = input.Settings is not null || input.Secrets is not null
                ? new CredentialDraft(input.Name, input.Plugin, input.Settings is null ? SettingsDocument.Empty : SettingsDocument.From(input.Settings),
                    new SecretValues(input.Secrets ?? new Dictionary<string, string>()), input.Description)
                : new CredentialDraft(input.Name, input.Plugin, InsiderOneCredentialSettings.Document(input.PartnerName),
                    InsiderOneCredentialSettings.Secrets(input.ApiToken), input.Description);
            var added = await useCases.CreateAsync(Callers.Api(http), draft, ct);
            return added.Succeeded ? Results.Created($"/api/credentials/{added.Value.Name}", added.Value.ToView([])) : ApiResults.From(added.Refusal);
        });

        group.MapPut("/{key}", async (string key, CredentialUpdate update, HttpContext http, CredentialUseCases useCases, CancellationToken ct) =>
        {
            var changed = await useCases.UpdateAsync(Callers.Api(http), key, new CredentialChanges(InsiderOneCredentialSettings.Document(update.PartnerName), InsiderOneCredentialSettings.Secrets(update.ApiToken), update.Description), ct);
            return changed.Succeeded
                ? Results.Ok(changed.Value.ToView(await useCases.UsedByAsync(changed.Value, ct)))
                : ApiResults.From(changed.Refusal);
        });

        group.MapDelete("/{key}", async (string key, HttpContext http, CredentialUseCases useCases, CancellationToken ct) =>
        {
            var removed = await useCases.RemoveAsync(Callers.Api(http), key, ct);
            return removed.Succeeded ? Results.NoContent() : ApiResults.From(removed.Refusal);
        });
    }

    private static IReadOnlyList<string> UsedBy(Credential credential, IReadOnlyList<Destination> destinations) =>
        [.. destinations.Where(d => d.CredentialId == credential.Id).Select(d => d.Name)];
}
