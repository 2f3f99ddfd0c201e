using Herald.Server.Health;
using Herald.Server.Security;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;
using Scalar.AspNetCore;

namespace Herald.Server.Api;

/// <summary>
/// The API describes itself: an OpenAPI 3.1 document of every endpoint at <see cref="DocumentPath"/> (built by
/// Microsoft.AspNetCore.OpenApi from the endpoints' metadata), with the API key scheme and the problem-details error
/// shape, and an interactive reference (Scalar) at <see cref="ReferencePath"/>. Both are readable without the API key:
/// they describe the API and hold no data.
/// </summary>
internal static class ApiDocument
{
    public const string DocumentName = "v1";
    public const string DocumentPath = "/openapi/v1.json";
    public const string ReferencePath = "/api/docs";
    public const string ApiKeyScheme = "HeraldApiKey";
    public const string BearerScheme = "HeraldBearer";

    public static IServiceCollection AddHeraldApiDocument(this IServiceCollection services) =>
        services.AddOpenApi(DocumentName, options =>
        {
            options.AddDocumentTransformer((document, _, _) =>
            {
                document.Info = new OpenApiInfo
                {
                    Title = "Herald API",
                    Version = DocumentName,
                    Description = "Credentials, destinations, orchestrations and runs of a Herald server, which sends a customer 360's audiences to " +
                        "Insider One. Every error answer is problem details (RFC 9457) as application/problem+json. The /api endpoints take the " +
                        $"API key in the {ApiKey.Header} header (or as a bearer token); Insider One's callbacks and file downloads carry their own " +
                        "per-run secret or signature in the URL.",
                };
                document.Components ??= new OpenApiComponents();
                document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
                document.Components.SecuritySchemes[ApiKeyScheme] = new OpenApiSecurityScheme
                {
                    Type = SecuritySchemeType.ApiKey,
                    In = ParameterLocation.Header,
                    Name = ApiKey.Header,
                    Description = $"The server's API key ({ApiKeyFile.FileName} in its data directory).",
                };
                document.Components.SecuritySchemes[BearerScheme] = new OpenApiSecurityScheme
                {
                    Type = SecuritySchemeType.Http,
                    Scheme = "bearer",
                    Description = "The same API key, sent as Authorization: Bearer <key>.",
                };
                AddHealthPaths(document);
                return Task.CompletedTask;
            });
            options.AddOperationTransformer((operation, context, _) =>
            {
                // Only the /api group is behind the API key; callbacks and files authenticate by their URL.
                if (context.Description.RelativePath?.StartsWith("api/", StringComparison.Ordinal) == true && context.Description.RelativePath != "api/health")
                {
                    operation.Security ??= [];
                    operation.Security.Add(new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(ApiKeyScheme, context.Document)] = [] });
                    operation.Security.Add(new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(BearerScheme, context.Document)] = [] });
                }
                return Task.CompletedTask;
            });
        });

    public static void MapHeraldApiDocument(this WebApplication app)
    {
        app.MapOpenApi("/openapi/{documentName}.json").AllowAnonymous();
        app.MapScalarApiReference(ReferencePath, options => options
            .WithTitle("Herald API")
            .WithOpenApiRoutePattern("/openapi/{documentName}.json")
            // No fonts from a CDN: the reference works on a machine that reaches nothing but Herald.
            .DisableDefaultFonts()).AllowAnonymous();
    }

    /// <summary>Declares the problem-details answers an endpoint may give, besides its success.</summary>
    public static RouteHandlerBuilder Problems(this RouteHandlerBuilder builder, params int[] statuses)
    {
        foreach (var status in statuses)
        {
            builder.Produces<ApiProblem>(status, "application/problem+json");
        }
        return builder;
    }

    /// <summary>Declares the problem-details answers of every endpoint of a group (an API key missing or wrong, a body too large).</summary>
    public static RouteGroupBuilder Problems(this RouteGroupBuilder group, params int[] statuses)
    {
        foreach (var status in statuses)
        {
            group.WithMetadata(new ProducesResponseTypeMetadata(status, typeof(ApiProblem), ["application/problem+json"]));
        }
        return group;
    }

    // Health checks are endpoints of their own kind (not route handlers), so the generator does not see them.
    private static void AddHealthPaths(OpenApiDocument document)
    {
        document.Paths ??= [];
        foreach (var (path, summary) in new[]
        {
            (HealthEndpoints.LivePath, "Alive: the process answers. Never checks dependencies."),
            (HealthEndpoints.ReadyPath, "Ready: the store, the source and the file host are reachable and the workers run; 503 when not."),
        })
        {
            var answer = new OpenApiMediaType { Schema = new OpenApiSchema { Type = JsonSchemaType.Object } };
            document.Paths[path] = new OpenApiPathItem
            {
                Operations = new Dictionary<HttpMethod, OpenApiOperation>
                {
                    [HttpMethod.Get] = new OpenApiOperation
                    {
                        Summary = summary,
                        Tags = new HashSet<OpenApiTagReference> { new("Health", document) },
                        Responses = new OpenApiResponses
                        {
                            ["200"] = new OpenApiResponse { Description = "Healthy", Content = new Dictionary<string, OpenApiMediaType> { ["application/json"] = answer } },
                            ["503"] = new OpenApiResponse { Description = "Unhealthy, with the failing checks", Content = new Dictionary<string, OpenApiMediaType> { ["application/json"] = answer } },
                        },
                    },
                },
            };
        }
    }
}
