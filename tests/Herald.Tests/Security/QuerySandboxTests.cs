using System.Net;
using System.Net.Http.Json;
using Herald.Server.Api;
using Herald.Tests.Support;

namespace Herald.Tests.Security;

/// <summary>
/// A query reads the customer 360 and the files under Herald:Source:AllowedDirectories, nothing else: not Herald's
/// keys, API key or database, not the rest of the disk, not a URL, whatever path trick it uses.
/// </summary>
public sealed class QuerySandboxTests : IAsyncLifetime
{
    private const string Setting = "Herald:Source:AllowedDirectories";

    private readonly TestDirectory _directory = new("sandbox");
    private HeraldHarness _harness = null!;
    private string _allowed = null!;

    public async Task InitializeAsync()
    {
        _allowed = Path.Combine(_directory.Path, "c360");
        var outside = Path.Combine(_directory.Path, "outside");
        var sibling = _allowed + "-sibling";
        foreach (var folder in new[] { _allowed, outside, sibling })
        {
            Directory.CreateDirectory(folder);
            File.WriteAllText(Path.Combine(folder, "secret.csv"), "email\nsecret@example.com\n");
        }
        Directory.CreateSymbolicLink(Path.Combine(_allowed, "link"), outside);
        var source = TestDatabases.Create(Path.Combine(_allowed, "c360.duckdb"),
            "CREATE TABLE Customer_360 (email VARCHAR)",
            "INSERT INTO Customer_360 VALUES ('ann@example.com')",
            $"COPY (SELECT 'parquet@example.com' AS email) TO '{_allowed}/members.parquet' (FORMAT parquet)",
            $"COPY (SELECT 'csv@example.com' AS email) TO '{_allowed}/members.csv' (FORMAT csv, HEADER true)",
            $"CREATE VIEW Parquet_Members AS SELECT email FROM read_parquet('{_allowed}/members.parquet')",
            $"CREATE VIEW Csv_Members AS SELECT email FROM read_csv('{_allowed}/members.csv')");
        _harness = await HeraldHarness.StartAsync(source);
    }

    public async Task DisposeAsync()
    {
        await _harness.DisposeAsync();
        _directory.Dispose();
    }

    [Fact]
    public async Task Preview_OfViewsOverParquetAndCsvFilesInTheAllowedFolder_ReturnsTheirValues()
    {
        var response = await PreviewAsync("SELECT email FROM Parquet_Members UNION ALL SELECT email FROM Csv_Members ORDER BY email");

        var preview = await HeraldApi.ReadAsync<QueryPreviewView>(response, HttpStatusCode.OK);
        preview.Rows.Select(row => row[0]).ShouldBe(["csv@example.com", "parquet@example.com"]);
    }

    [Theory]
    [InlineData("SELECT content AS email FROM read_text('{data}/api-key')")]
    [InlineData("SELECT content AS email FROM read_blob('{data}/keys/*')")]
    [InlineData("SELECT content::VARCHAR AS email FROM read_blob('{data}/herald.db')")]
    [InlineData("SELECT * AS email FROM read_csv('{data}/files/diff-samples/*.csv')")]
    [InlineData("SELECT file AS email FROM glob('/*')")]
    [InlineData("SELECT content AS email FROM read_text('/etc/passwd')")]
    [InlineData("SELECT content AS email FROM read_text('http://127.0.0.1:9/secret')")]
    [InlineData("SELECT content AS email FROM read_text('https://example.com/')")]
    [InlineData("SELECT email FROM read_csv('{allowed}/../outside/secret.csv')")]
    [InlineData("SELECT email FROM read_csv('{allowed}/link/secret.csv')")]
    [InlineData("SELECT email FROM read_csv('{allowed}-sibling/secret.csv')")]
    public async Task Preview_ThatReadsOutsideTheAllowedFolders_IsRefusedNamingTheSetting(string query)
    {
        query = query.Replace("{data}", _harness.DataDirectory, StringComparison.Ordinal).Replace("{allowed}", _allowed, StringComparison.Ordinal);

        var response = await PreviewAsync(query);

        var body = await response.Content.ReadAsStringAsync();
        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest, body);
        body.ShouldContain(Setting);
        body.ShouldNotContain(_harness.Herald.ApiKey);
        body.ShouldNotContain("secret@example.com");
    }

    [Fact]
    public async Task Send_OfAQueryReadingTheApiKey_FailsNamingTheSettingAndUploadsNothing()
    {
        var destination = await _harness.Api.AddDestinationWithCredentialAsync("sandbox-send");

        var run = await _harness.Api.SendAndWaitAsync(destination.Name,
            $"SELECT content AS email FROM read_text('{_harness.DataDirectory}/api-key')");

        run.State.ShouldBe("failed");
        run.Reason.ShouldNotBeNull().ShouldContain(Setting);
        run.Reason.ShouldNotContain(_harness.Herald.ApiKey);
        _harness.Simulator.Segments.ShouldBeEmpty();
    }

    [Fact]
    public async Task Send_OfAViewOverAnAllowedParquetFile_StillWritesItsAudienceFile()
    {
        var destination = await _harness.Api.AddDestinationWithCredentialAsync("sandbox-parquet");

        var run = await _harness.Api.SendAndWaitAsync(destination.Name, "SELECT email FROM Parquet_Members");

        run.State.ShouldBe("succeeded", run.Reason);
        run.Counts.ShouldNotBeNull().ValuesSent.ShouldBe(1);
    }

    private Task<HttpResponseMessage> PreviewAsync(string query) =>
        _harness.Api.Http.PostAsJsonAsync("/api/queries/preview", new QueryPreviewRequest(query));
}
