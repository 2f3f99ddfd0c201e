using System.Net;
using System.Net.Http.Json;
using Herald.Server.Api;
using Herald.Tests.Support;

namespace Herald.Tests.Alerts;

/// <summary>What alert tests share: settings that let Herald post to loopback receivers and retry quickly, and the alert API.</summary>
internal static class AlertHarness
{
    public const string Gold = "SELECT email FROM Customer_360 WHERE loyalty_tier = 'gold'";

    /// <summary>A Standard Webhooks secret: whsec_ and base64 of 32 bytes.</summary>
    public const string SigningSecret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw6YmUH0nVT5A=";

    public static readonly IReadOnlyDictionary<string, string?> LoopbackSettings = new Dictionary<string, string?>
    {
        ["Herald:Alerts:AllowInsecureTargets"] = "true",
        ["Herald:Alerts:RetryBaseDelay"] = "00:00:00.050",
        ["Herald:Alerts:MaxRetryDelay"] = "00:00:00.200",
        ["Herald:Alerts:PollInterval"] = "00:00:00.050",
        ["Herald:Alerts:SendTimeout"] = "00:00:05",
    };

    public static async Task<AlertView> AddAlertAsync(this HeraldApi api, AlertInput input)
    {
        var response = await api.Http.PostAsJsonAsync("/api/alerts", input);
        return await HeraldApi.ReadAsync<AlertView>(response, HttpStatusCode.Created);
    }

    public static async Task<AlertDetailsView> GetAlertAsync(this HeraldApi api, string name) =>
        (await api.Http.GetFromJsonAsync<AlertDetailsView>($"/api/alerts/{name}", HeraldApi.Json))!;

    public static async Task TestAlertAsync(this HeraldApi api, string name)
    {
        var response = await api.Http.PostAsync($"/api/alerts/{name}/test", null);
        response.StatusCode.ShouldBe(HttpStatusCode.Accepted, await response.Content.ReadAsStringAsync());
    }

    /// <summary>Waits until the rule's newest delivery is no longer pending, and returns it.</summary>
    public static async Task<AlertDeliveryView> WaitForSettledDeliveryAsync(this HeraldApi api, string name, int count = 1)
    {
        AlertDeliveryView? settled = null;
        await Shared.Eventually.TrueAsync(async () =>
        {
            var deliveries = (await api.GetAlertAsync(name)).Deliveries;
            settled = deliveries.Count >= count && deliveries[0].State != "pending" ? deliveries[0] : null;
            return settled is not null;
        }, $"alert rule '{name}' has {count} settled deliveries");
        return settled!;
    }
}
