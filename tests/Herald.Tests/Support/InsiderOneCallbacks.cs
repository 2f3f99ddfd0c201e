using System.Text.Json;
using Herald.Server.Security;
using Microsoft.Extensions.DependencyInjection;

namespace Herald.Tests.Support;

/// <summary>Callbacks as Insider One (or someone holding a run's callback URL) would post them to a Herald under test.</summary>
public static class InsiderOneCallbacks
{
    public static string SecretFor(Herald.Server.RunningHerald herald, Guid runId) => herald.Services.GetRequiredService<CallbackSecrets>().For(runId);

    public static async Task<HttpResponseMessage> PostAsync(Uri heraldUrl, Guid runId, string secret, string body)
    {
        using var insiderOne = new HttpClient { BaseAddress = heraldUrl };
        return await insiderOne.PostAsync($"/callbacks/insider-one/{runId:N}/{secret}", new StringContent(body, System.Text.Encoding.UTF8, "application/json"));
    }

    public static string Report(string segment, long valid, long invalid, long total, string? padding = null)
    {
        var fields = new Dictionary<string, object>
        {
            ["segment_name"] = segment, ["valid_values_count"] = valid, ["invalid_values_count"] = invalid, ["total_entered_values"] = total,
        };
        if (padding is not null)
        {
            fields["padding"] = padding;
        }
        return JsonSerializer.Serialize(fields);
    }
}
