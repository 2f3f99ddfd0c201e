using System.Text.Json;

namespace Herald.Simulator.Tests.Support;

internal static class ResponseReading
{
    public static async Task<JsonElement> JsonAsync(this HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

    public static async Task<string> StatusMessageAsync(this HttpResponseMessage response) =>
        (await response.JsonAsync()).GetProperty("statusMessage").GetString()!;

    public static async Task<string> ErrorAsync(this HttpResponseMessage response) =>
        (await response.JsonAsync()).GetProperty("error").GetString()!;
}
