using System.Text.Json;
using Herald.Storage.Sqlite;
using Herald.Core.Ports;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Herald.Server.Health;

/// <summary>
/// <c>/healthz</c> (the process answers) and <c>/readyz</c> (store, source, file folder and workers), for
/// container orchestrators and load balancers. Both answer without the API key, as probes have none; so the
/// answers carry only each check's name and status, never a path, an error text or a setting.
/// </summary>
internal static class HealthEndpoints
{
    public const string LivePath = "/healthz";
    public const string ReadyPath = "/readyz";
    private const string ReadyTag = "ready";

    public static IServiceCollection AddHeraldHealthChecks(this IServiceCollection services, Func<IServiceProvider, string> filesDirectory)
    {
        services.AddSingleton(sp => new StoreHealthCheck(sp.GetRequiredService<SqliteDatabase>()));
        services.AddSingleton(sp => new SourceHealthCheck(sp.GetRequiredService<IAudienceSource>()));
        services.AddSingleton(sp => new FileHostHealthCheck(filesDirectory(sp)));
        services.AddSingleton<WorkersHealthCheck>();
        services.AddHealthChecks()
            .AddCheck<StoreHealthCheck>("store", tags: [ReadyTag])
            .AddCheck<SourceHealthCheck>("source", tags: [ReadyTag])
            .AddCheck<FileHostHealthCheck>("files", tags: [ReadyTag])
            .AddCheck<WorkersHealthCheck>("workers", tags: [ReadyTag]);
        return services;
    }

    public static void MapHeraldHealthChecks(this IEndpointRouteBuilder app)
    {
        app.MapHealthChecks(LivePath, new HealthCheckOptions { Predicate = _ => false, ResponseWriter = WriteAsync });
        app.MapHealthChecks(ReadyPath, new HealthCheckOptions { Predicate = check => check.Tags.Contains(ReadyTag), ResponseWriter = WriteAsync });
    }

    private static Task WriteAsync(HttpContext context, HealthReport report)
    {
        context.Response.ContentType = "application/json";
        context.Response.Headers.CacheControl = "no-store";
        var answer = new HealthAnswer(report.Status.ToString(),
            report.Entries.ToDictionary(entry => entry.Key, entry => entry.Value.Status.ToString()));
        return JsonSerializer.SerializeAsync(context.Response.Body, answer, HealthAnswer.JsonOptions, context.RequestAborted);
    }
}
