using Herald.Application.Configuration;

namespace Herald.Server.Api;

/// <summary>
/// <c>GET /api/config</c>: the catalog as a YAML file (catalog:read); <c>POST /api/config/apply</c>: a file made the
/// catalog, whole or not at all (<c>dryRun=true</c>: only the difference). The body is the file's text, at most
/// Herald:Api:MaxConfigurationBytes.
/// </summary>
internal static class ConfigurationEndpoints
{
    public const string PathPrefix = "/api/config";
    public const string YamlMediaType = "application/yaml";

    /// <summary>Whether the request carries a configuration file (to production or to a sandbox), capped by Herald:Api:MaxConfigurationBytes.</summary>
    public static bool CarriesFile(PathString path) =>
        path.StartsWithSegments(PathPrefix, StringComparison.OrdinalIgnoreCase)
        || (path.StartsWithSegments("/api/sandboxes", StringComparison.OrdinalIgnoreCase) && path.Value!.EndsWith("/config/apply", StringComparison.OrdinalIgnoreCase));

    public static void MapConfigurationEndpoints(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/config").WithTags("Configuration");

        group.MapGet("/", async (HttpContext http, ConfigurationUseCases useCases, CancellationToken ct) =>
            await useCases.ExportAsync(Callers.Api(http), ct) is var exported && exported.Succeeded
                ? Results.Text(exported.Value.Yaml, YamlMediaType)
                : ApiResults.From(exported.Refusal))
            .WithSummary("The catalog as a YAML file: credentials (never their secrets), destinations and orchestrations (catalog:read)")
            .Produces<string>(200, YamlMediaType).Problems(403);

        group.MapPost("/apply", async (bool? dryRun, HttpContext http, ConfigurationUseCases useCases, CancellationToken ct) =>
        {
            // The body's size was capped before it is read (RequestBodyLimits): the file is read whole, as text, whatever
            // its declared type (curl --data-binary sends a form's type), since only a configuration file is read from it.
            using var reader = new StreamReader(http.Request.Body);
            var text = await reader.ReadToEndAsync(ct);
            var applied = await useCases.ApplyAsync(Callers.Api(http), text, dryRun ?? false, ct);
            return applied.Succeeded ? Results.Ok(ConfigurationAppliedView.Of(applied.Value, dryRun ?? false)) : ApiResults.From(applied.Refusal);
        }).WithSummary("Make the catalog hold exactly a YAML file, in one transaction (dryRun=true: only show the difference)")
            .Produces<ConfigurationAppliedView>().Problems(400, 403);
    }
}
