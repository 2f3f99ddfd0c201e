using Herald.Application.Alerts;
using Herald.Core.Ports;
using Herald.Storage.Sqlite;
using Microsoft.Extensions.Options;

namespace Herald.Server.Alerts;

/// <summary>The alert store, the channels' senders and their HTTP client, and the validated <c>Herald:Alerts</c> settings.</summary>
internal static class AlertServices
{
    public static IServiceCollection AddHeraldAlerts(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<AlertOptions>().Bind(configuration.GetSection(AlertOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<IAlertStore, SqliteAlertStore>();
        services.AddSingleton<AlertPoster>();
        services.AddSingleton<IAlertSender, EmailAlertSender>();
        services.AddSingleton<IAlertSender, SlackAlertSender>();
        services.AddSingleton<IAlertSender, WebhookAlertSender>();
        services.AddHttpClient(AlertConnections.HttpClientName, http =>
            {
                // Each attempt is bounded by Herald:Alerts:SendTimeout through its cancellation token.
                http.Timeout = Timeout.InfiniteTimeSpan;
                http.MaxResponseContentBufferSize = 1024 * 1024;
            })
            .ConfigurePrimaryHttpMessageHandler(sp => AlertConnections.CreateHandler(sp.GetRequiredService<IOptions<AlertOptions>>().Value))
            // The client's own logs would carry the URL, which for Slack is the secret.
            .RemoveAllLoggers();
        return services;
    }
}
