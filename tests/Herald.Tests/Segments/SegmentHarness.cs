using System.Net;
using System.Net.Http.Json;
using Herald.Server.Api;
using Herald.Tests.Support;

namespace Herald.Tests.Segments;

/// <summary>Saved segments and orchestrations sending them, through Herald's API as a test speaks it.</summary>
internal static class SegmentHarness
{
    /// <summary>The gold-tier customers of the sample customer 360.</summary>
    public const string GoldSql = "SELECT amperity_id FROM Customer_360 WHERE loyalty_tier = 'gold'";

    public static async Task<SegmentView> AddSegmentAsync(this HeraldApi api, string name, string sql) =>
        await HeraldApi.ReadAsync<SegmentView>(await api.Http.PostAsJsonAsync("/api/segments", new SegmentInput(name, sql)), HttpStatusCode.Created);

    public static Task<HttpResponseMessage> AddSegmentOrchestrationAsync(this HeraldApi api, string name, string destination, string segment, string identifierColumn) =>
        api.Http.PostAsJsonAsync("/api/orchestrations", new OrchestrationInput(name, destination, null, Segment: segment, IdentifierColumn: identifierColumn));

    public static async Task<RunView> RunAndWaitAsync(this HeraldApi api, string orchestration)
    {
        var started = await HeraldApi.ReadAsync<RunView>(await api.Http.PostAsJsonAsync($"/api/orchestrations/{orchestration}/runs", new RunRequest()), HttpStatusCode.Accepted);
        return await api.WaitForAsync(started.Id);
    }

    public static async Task<SegmentPreviewView> PreviewAsync(this HttpClient http, string segment, string? destination = null, int maxRows = 10) =>
        await HeraldApi.ReadAsync<SegmentPreviewView>(
            await http.PostAsJsonAsync($"/api/segments/{segment}/preview", new SegmentPreviewRequest(Destination: destination, MaxRows: maxRows)), HttpStatusCode.OK);

    /// <summary>The gold-tier customers' emails, trimmed and in lower case, read from the customer 360 by the test itself.</summary>
    public static HashSet<string> GoldEmails(string sourcePath)
    {
        using var connection = new DuckDB.NET.Data.DuckDBConnection($"Data Source={sourcePath};ACCESS_MODE=READ_ONLY");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT DISTINCT lower(trim(email)) FROM Customer_360 WHERE loyalty_tier = 'gold' AND email IS NOT NULL";
        using var reader = command.ExecuteReader();
        var emails = new HashSet<string>(StringComparer.Ordinal);
        while (reader.Read())
        {
            emails.Add(reader.GetString(0));
        }
        return emails;
    }

    /// <summary>A name unique to the calling test.</summary>
    public static string Unique(string prefix) => $"{prefix}-{Guid.NewGuid():N}"[..(prefix.Length + 9)];
}
