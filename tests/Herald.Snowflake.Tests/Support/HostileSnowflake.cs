using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Herald.Snowflake.Tests.Support;

/// <summary>A server on loopback that answers every request with what a test gives it: answers no real Snowflake
/// would send, to prove Herald's client trusts none of them.</summary>
internal sealed class HostileSnowflake : IAsyncDisposable
{
    private readonly WebApplication app;

    private HostileSnowflake(WebApplication app) => this.app = app;

    public Uri BaseUrl => new(app.Urls.First());

    public List<string> Paths { get; } = [];

    public static async Task<HostileSnowflake> StartAsync(Func<HttpContext, Task> answer)
    {
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.WebHost.UseKestrelCore().UseUrls("http://127.0.0.1:0");
        builder.Services.AddRoutingCore();
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var server = new HostileSnowflake(app);
        app.Run(async context =>
        {
            lock (server.Paths)
            {
                server.Paths.Add(context.Request.Method + " " + context.Request.Path + context.Request.QueryString);
            }

            await answer(context);
        });
        await app.StartAsync();
        return server;
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }
}
