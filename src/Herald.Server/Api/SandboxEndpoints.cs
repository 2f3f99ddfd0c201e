using Herald.Application.Configuration;
using Herald.Application.Sandboxes;
using Herald.Core.Catalog;
using Herald.InsiderOne;

namespace Herald.Server.Api;

/// <summary>
/// <c>/api/sandboxes</c>: create, list, review, pull, promote and delete sandboxes, and read or apply a sandbox's
/// configuration file (<c>/api/sandboxes/{name}/config</c>, the same shape as <c>/api/config</c>).
/// </summary>
internal static class SandboxEndpoints
{
    public static void MapSandboxEndpoints(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/sandboxes").WithTags("Sandboxes");

        group.MapGet("/", async (HttpContext http, SandboxUseCases useCases, CancellationToken ct) =>
            await useCases.ListAsync(Callers.Api(http), ct) is var listed && listed.Succeeded
                ? Results.Ok(listed.Value.Select(SandboxView.Of))
                : ApiResults.From(listed.Refusal))
            .WithSummary("The caller's sandboxes (every sandbox for a sandbox administrator)").Produces<SandboxView[]>();

        group.MapPost("/", async (SandboxInput input, HttpContext http, SandboxUseCases useCases, CancellationToken ct) =>
            await useCases.CreateAsync(Callers.Api(http), input.Name, input.SegmentPrefix, ct) is var created && created.Succeeded
                ? Results.Created($"/api/sandboxes/{created.Value.Name}", SandboxView.Of(created.Value))
                : ApiResults.From(created.Refusal))
            .WithSummary("Create a sandbox: a copy of production's configuration, without secrets").Produces<SandboxView>(201).Problems(400, 409);

        group.MapGet("/{name}", async (string name, HttpContext http, SandboxUseCases useCases, CancellationToken ct) =>
            await useCases.ReviewAsync(Callers.Api(http), name, ct) is var review && review.Succeeded
                ? Results.Ok(SandboxReviewView.Of(review.Value))
                : ApiResults.From(review.Refusal))
            .WithSummary("Review a sandbox: its difference from production, production's changes since, conflicts and checks").Produces<SandboxReviewView>().Problems(404);

        group.MapGet("/{name}/config", async (string name, HttpContext http, SandboxUseCases useCases, CancellationToken ct) =>
            await useCases.ExportAsync(Callers.Api(http), name, ct) is var exported && exported.Succeeded
                ? Results.Text(exported.Value.Yaml, ConfigurationEndpoints.YamlMediaType)
                : ApiResults.From(exported.Refusal))
            .WithSummary("The sandbox's configuration as a YAML file").Produces<string>(200, ConfigurationEndpoints.YamlMediaType).Problems(404);

        group.MapPost("/{name}/config/apply", async (string name, bool? dryRun, HttpContext http, SandboxUseCases useCases, CancellationToken ct) =>
        {
            using var reader = new StreamReader(http.Request.Body);
            var applied = await useCases.ApplyAsync(Callers.Api(http), name, await reader.ReadToEndAsync(ct), dryRun ?? false, ct);
            return applied.Succeeded ? Results.Ok(ConfigurationAppliedView.Of(applied.Value, dryRun ?? false)) : ApiResults.From(applied.Refusal);
        }).WithSummary("Make the sandbox hold exactly a YAML file (production is not touched)")
            .Produces<ConfigurationAppliedView>().Problems(400, 404);

        group.MapPost("/{name}/pull", async (string name, PullInput input, HttpContext http, SandboxUseCases useCases, CancellationToken ct) =>
        {
            var resolutions = new Dictionary<string, ConflictSide>(StringComparer.Ordinal);
            foreach (var (key, side) in input.Take ?? [])
            {
                if (!Enum.TryParse<ConflictSide>(side, ignoreCase: true, out var taken) || !Enum.IsDefined(taken))
                {
                    return ApiResults.Problem(StatusCodes.Status400BadRequest, $"Take '{key}' from 'production' or 'sandbox', not '{side}'.");
                }
                resolutions[key] = taken;
            }
            var pulled = await useCases.PullAsync(Callers.Api(http), name, resolutions, ct);
            return pulled.Succeeded ? Results.Ok(SandboxReviewView.Of(pulled.Value)) : ApiResults.From(pulled.Refusal);
        }).WithSummary("Bring production's changes since the sandbox's base into it; conflicts are resolved field by field").Produces<SandboxReviewView>().Problems(400, 404, 409);

        group.MapPost("/{name}/promote", async (string name, PromoteInput input, HttpContext http, SandboxUseCases useCases, CancellationToken ct) =>
            await useCases.PromoteAsync(Callers.Api(http), name, input.Message, input.Delete, ct) is var promoted && promoted.Succeeded
                ? Results.Ok(ConfigurationAppliedView.Of(promoted.Value, dryRun: false))
                : ApiResults.From(promoted.Refusal))
            .WithSummary("Make production hold the sandbox's configuration, in one transaction (sandbox:admin)").Produces<ConfigurationAppliedView>().Problems(400, 404, 409);

        group.MapPost("/{name}/orchestrations/{orchestration}/runs", async (string name, string orchestration, HttpContext http, SandboxRunUseCases useCases, CancellationToken ct) =>
            ApiResults.Started(await useCases.RunAsync(Callers.Api(http), name, orchestration, ct)))
            .WithSummary("Run an orchestration of the sandbox: a test audience under the sandbox's segment prefix (run:start)").Produces<RunView>(202).Problems(400, 404);

        group.MapPatch("/{name}/settings", async (string name, SandboxSettingsInput input, HttpContext http, SandboxRunUseCases useCases, CancellationToken ct) =>
            await useCases.ChangeAsync(Callers.Api(http), name, input.SegmentPrefix, input.AllowFullSends, ct) is var changed && changed.Succeeded
                ? Results.Ok(SandboxView.Of(changed.Value))
                : ApiResults.From(changed.Refusal))
            .WithSummary("Change the sandbox's segment prefix, or allow its runs full sends (sandbox:admin)").Produces<SandboxView>().Problems(400, 404);

        group.MapPost("/{name}/credentials/{credential}/copy-secret", async (string name, string credential, HttpContext http, SandboxRunUseCases useCases, CancellationToken ct) =>
            await useCases.CopySecretAsync(Callers.Api(http), name, credential, ct) is var copied && copied.Succeeded
                ? Results.Ok(SandboxView.Of(copied.Value))
                : ApiResults.From(copied.Refusal))
            .WithSummary("Let the sandbox's runs use production's secret of the credential of that name (sandbox:admin)").Produces<SandboxView>().Problems(400, 404);

        group.MapPut("/{name}/credentials/{credential}/secret", async (string name, string credential, SandboxSecretInput input, HttpContext http,
                SandboxSecretUseCases useCases, CancellationToken ct) =>
            await useCases.EnterAsync(Callers.Api(http), name, credential, SecretsOf(input), input.SkipConnectionTest, ct) is var entered && entered.Succeeded
                ? Results.Ok(SandboxView.Of(entered.Value))
                : ApiResults.From(entered.Refusal))
            .WithSummary("Enter the secret of a sandbox's credential, used by the sandbox's runs only and never shown (credential:edit)")
            .Produces<SandboxView>().Problems(400, 404);

        group.MapDelete("/{name}", async (string name, HttpContext http, SandboxUseCases useCases, CancellationToken ct) =>
            await useCases.DeleteAsync(Callers.Api(http), name, ct) is var deleted && deleted.Succeeded ? Results.NoContent() : ApiResults.From(deleted.Refusal))
            .WithSummary("Delete a sandbox (sandbox:admin)").Produces(204).Problems(404);
    }

    // ApiToken is the Insider One token by its usual name; given both ways, it is the one taken.
    private static SecretValues SecretsOf(SandboxSecretInput input)
    {
        var secrets = new Dictionary<string, string>(input.Secrets ?? new Dictionary<string, string>(), StringComparer.Ordinal);
        foreach (var (name, value) in InsiderOneCredentialSettings.Secrets(input.ApiToken))
        {
            secrets[name] = value;
        }
        return new SecretValues(secrets);
    }
}
