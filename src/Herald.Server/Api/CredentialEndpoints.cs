using Herald.Application.UseCases;

namespace Herald.Server.Api;

internal static class CredentialEndpoints
{
    public static void MapCredentialEndpoints(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/credentials");

        group.MapGet("/", async (HttpContext http, CatalogReads reads, CancellationToken ct) =>
            Results.Ok((await reads.ListCredentialsAsync(Callers.Api(http), ct)).Select(c => c.Credential.ToView(c.UsedBy))));

        group.MapGet("/{key}", async (string key, HttpContext http, CatalogReads reads, CancellationToken ct) =>
            await reads.FindCredentialAsync(Callers.Api(http), key, ct) is var found && found.Succeeded
                ? Results.Ok(found.Value.Credential.ToView(found.Value.UsedBy))
                : ApiResults.From(found.Refusal));

        group.MapPost("/", async (CredentialInput input, HttpContext http, CredentialUseCases useCases, CancellationToken ct) =>
        {
            var added = await useCases.CreateAsync(Callers.Api(http), new CredentialDraft(input.Name, input.Plugin, input.PartnerName, input.ApiToken, input.Description), ct);
            return added.Succeeded ? Results.Created($"/api/credentials/{added.Value.Name}", added.Value.ToView([])) : ApiResults.From(added.Refusal);
        });

        group.MapPut("/{key}", async (string key, CredentialUpdate update, HttpContext http, CredentialUseCases useCases, CancellationToken ct) =>
        {
            var changed = await useCases.UpdateAsync(Callers.Api(http), key, new CredentialChanges(update.PartnerName, update.ApiToken, update.Description), ct);
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
}
