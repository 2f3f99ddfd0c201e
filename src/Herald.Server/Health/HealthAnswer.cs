using System.Text.Json;

namespace Herald.Server.Health;

/// <summary>
/// The body of <c>/healthz</c> and <c>/readyz</c>: <c>{"status":"Healthy","checks":{"store":"Healthy",...}}</c>.
/// Status is Healthy, Degraded or Unhealthy; the HTTP status is 200 unless Unhealthy (503).
/// </summary>
internal sealed record HealthAnswer(string Status, IReadOnlyDictionary<string, string> Checks)
{
    public static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web);
}
