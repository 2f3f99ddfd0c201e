using Herald.Application.Handover;
using Herald.Application.UseCases;
using Herald.Server.Hosting;
using Herald.Core.Catalog;
using Herald.Core.Ports;
using Herald.InsiderOne;

namespace Herald.Server.Api;

internal static class CredentialEndpoints
{
    public static void MapCredentialEndpoints(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/credentials").WithTags("Credentials");

        group.MapGet("/", async (HttpContext http, CatalogReads reads, CancellationToken ct) =>
            Results.Ok((await reads.ListCredentialsAsync(Callers.Api(http), ct)).Select(c => c.Credential.ToView(c.UsedBy))))
            .WithSummary("List credentials (the token is never shown)").Produces<CredentialView[]>();

        group.MapGet("/requests", async (HttpContext http, HandoverUseCases handovers, CancellationToken ct) =>
            await handovers.ListAsync(Callers.Api(http), ct) is var listed && listed.Succeeded
                ? Results.Ok(listed.Value.Select(l => new HandoverLinkView(l.CredentialName, l.Plugin, l.RequestedBy, l.CreatedAt, l.ExpiresAt, l.UsedAt)))
                : ApiResults.From(listed.Refusal))
            .WithSummary("List the recent hand-over links and when each was used").Produces<HandoverLinkView[]>().Problems(403);

        group.MapPost("/requests", async (HandoverRequestInput input, HttpContext http, HandoverUseCases handovers, PublicUrls urls, CancellationToken ct) =>
        {
            var lifetime = double.IsFinite(input.ExpiresInHours) && input.ExpiresInHours is > 0 and < 1_000_000 ? TimeSpan.FromHours(input.ExpiresInHours) : TimeSpan.Zero;
            var requested = await handovers.RequestAsync(Callers.Api(http), input.Name, input.Plugin, lifetime, ct);
            return requested.Succeeded
                ? Results.Ok(new HandoverRequestView(requested.Value.Link.CredentialName, requested.Value.Link.Plugin, requested.Value.Link.ExpiresAt,
                    HandoverPaths.LinkOf(urls.BaseUrl, requested.Value.Token)))
                : ApiResults.From(requested.Refusal);
        }).WithSummary("Ask the account holder for a credential through a one-time link (shown once)").Produces<HandoverRequestView>().Problems(400, 409);

        group.MapGet("/{key}", async (string key, HttpContext http, CatalogReads reads, HandoverUseCases handovers, CancellationToken ct) =>
            await reads.FindCredentialAsync(Callers.Api(http), key, ct) is var found && found.Succeeded
                ? Results.Ok(found.Value.Credential.ToView(found.Value.UsedBy, await handovers.HandoverOfAsync(Callers.Api(http), found.Value.Credential.Id, ct)))
                : ApiResults.From(found.Refusal))
            .WithSummary("Show a credential by name or id, and who asked for it when it was handed over by link").Produces<CredentialView>().Problems(403, 404);

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
        }).WithSummary("Add a credential (the token is stored encrypted)").Produces<CredentialView>(201).Problems(400, 409);

        group.MapPut("/{key}", async (string key, CredentialUpdate update, HttpContext http, CredentialUseCases useCases, CancellationToken ct) =>
        {
            var changed = await useCases.UpdateAsync(Callers.Api(http), key, new CredentialChanges(InsiderOneCredentialSettings.Document(update.PartnerName), InsiderOneCredentialSettings.Secrets(update.ApiToken), update.Description), ct);
            return changed.Succeeded
                ? Results.Ok(changed.Value.ToView(await useCases.UsedByAsync(changed.Value, ct)))
                : ApiResults.From(changed.Refusal);
        }).WithSummary("Change a credential; a new token rotates the secret").Produces<CredentialView>().Problems(400, 404, 409);

        group.MapDelete("/{key}", async (string key, HttpContext http, CredentialUseCases useCases, CancellationToken ct) =>
        {
            var removed = await useCases.RemoveAsync(Callers.Api(http), key, ct);
            return removed.Succeeded ? Results.NoContent() : ApiResults.From(removed.Refusal);
        }).WithSummary("Remove a credential that no destination uses").Produces(204).Problems(404, 409);
    }
}
