using System.Net;
using System.Text.Json;
using Herald.Tests.Support;

namespace Herald.Tests.Server;

/// <summary>
/// What a container orchestrator sees: <c>/healthz</c> while the process answers, <c>/readyz</c> only while
/// the store, the customer 360, the file folder and the workers all work, and never a path or an error text,
/// since both answer without the API key.
/// </summary>
public sealed class HealthTests : IAsyncLifetime
{
    private readonly TestDirectory _directory = new("health");
    private HeraldHarness _harness = null!;
    private HttpClient _anonymous = null!;
    private string _sourcePath = null!;

    public async Task InitializeAsync()
    {
        _sourcePath = TestDatabases.Create(_directory.File("customer360.duckdb"),
            "CREATE TABLE customers (email VARCHAR)", "INSERT INTO customers VALUES ('a@example.com')");
        _harness = await HeraldHarness.StartAsync(_sourcePath);
        _anonymous = new HttpClient { BaseAddress = _harness.Herald.BaseUrl };
    }

    public async Task DisposeAsync()
    {
        _anonymous.Dispose();
        await _harness.DisposeAsync();
        _directory.Dispose();
    }

    [Fact]
    public async Task Healthz_WithoutAKey_SaysTheProcessIsAlive()
    {
        var (status, body) = await GetAsync("/healthz");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("Healthy", body.GetProperty("status").GetString());
    }

    [Fact]
    public async Task Readyz_WithEverythingWorking_IsReadyAndNamesEachCheck()
    {
        var (status, body) = await GetAsync("/readyz");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("Healthy", body.GetProperty("status").GetString());
        var checks = body.GetProperty("checks");
        foreach (var name in new[] { "store", "source", "files", "workers" })
        {
            Assert.Equal("Healthy", checks.GetProperty(name).GetString());
        }
    }

    [Fact]
    public async Task Readyz_WhenTheCustomer360IsGone_IsUnavailableNamingTheSourceAndNoPath()
    {
        File.Delete(_sourcePath);

        var (status, body) = await GetAsync("/readyz");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, status);
        Assert.Equal("Unhealthy", body.GetProperty("checks").GetProperty("source").GetString());
        Assert.Equal("Healthy", body.GetProperty("checks").GetProperty("store").GetString());
        var text = body.GetRawText();
        Assert.DoesNotContain(_directory.Path, text);
        Assert.DoesNotContain("customer360", text);
        // Alive all the same: restarting the process would not bring the file back.
        Assert.Equal(HttpStatusCode.OK, (await GetAsync("/healthz")).Status);
    }

    [Fact]
    public async Task Readyz_WhenTheFileFolderCannotTakeAFile_IsUnavailableNamingTheFiles()
    {
        var files = Path.Combine(_harness.DataDirectory, "files");
        Directory.Delete(files, recursive: true);
        await File.WriteAllTextAsync(files, "not a folder");

        var (status, body) = await GetAsync("/readyz");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, status);
        Assert.Equal("Unhealthy", body.GetProperty("checks").GetProperty("files").GetString());
    }

    [Fact]
    public async Task Readyz_AskedByManyAtOnce_AnswersEveryone()
    {
        var answers = await Task.WhenAll(Enumerable.Range(0, 40).Select(_ => GetAsync("/readyz")));

        Assert.All(answers, answer => Assert.Equal(HttpStatusCode.OK, answer.Status));
    }

    private async Task<(HttpStatusCode Status, JsonElement Body)> GetAsync(string path)
    {
        using var response = await _anonymous.GetAsync(path);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return (response.StatusCode, document.RootElement.Clone());
    }
}
