using System.Net;
using System.Net.Http.Json;
using Herald.Tests.Shared;
using Herald.Tests.Support;

namespace Herald.Tests.Telemetry;

/// <summary><c>/metrics</c> in the Prometheus format: what a run did, by bounded labels, for callers with the API key only (by default).</summary>
public sealed class MetricsTests : IAsyncLifetime
{
    private const string Query = "SELECT email FROM Customer_360 WHERE loyalty_tier = 'gold'";
    private HeraldHarness _harness = null!;

    public async Task InitializeAsync() => _harness = await HeraldHarness.StartAsync();

    public async Task DisposeAsync() => await _harness.DisposeAsync();

    [Fact]
    public async Task Scrape_AfterARun_FindsTheRunAndStepMetrics_WithoutIdsNamesOrSecrets()
    {
        var destination = await _harness.Api.AddDestinationWithCredentialAsync("Metrics gold");
        var run = await _harness.Api.SendAndWaitAsync(destination.Name, Query);
        run.State.ShouldBe("succeeded");

        var scraped = "";
        await Eventually.TrueAsync(async () =>
        {
            scraped = await _harness.Api.Http.GetStringAsync("/metrics");
            return scraped.Contains("herald_runs_finished_total{") && scraped.Contains("state=\"succeeded\"") && scraped.Contains("herald_callbacks_received_total");
        }, "the scrape shows the finished run");

        scraped.ShouldContain("herald_runs_started_total");
        scraped.ShouldContain("herald_run_step_duration_seconds_bucket");
        scraped.ShouldContain("step=\"build\"");
        scraped.ShouldContain("step=\"submit\"");
        scraped.ShouldContain("herald_insiderone_calls_total");
        scraped.ShouldContain("operation=\"upload\"");
        scraped.ShouldContain("herald_insiderone_rate_limiter_wait_seconds");
        scraped.ShouldNotContain(run.Id.ToString());
        scraped.ShouldNotContain(destination.Name);
        scraped.ShouldNotContain("Metrics gold");
        scraped.ShouldNotContain("demo-token");
        scraped.ShouldNotContain("@");
    }

    [Fact]
    public async Task Scrape_WithoutTheApiKey_IsRefused()
    {
        using var anonymous = new HttpClient { BaseAddress = _harness.Herald.BaseUrl };

        var response = await anonymous.GetAsync("/metrics");

        response.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        using var bearer = new HttpClient { BaseAddress = _harness.Herald.BaseUrl };
        bearer.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", _harness.Herald.ApiKey);
        (await bearer.GetAsync("/metrics")).StatusCode.ShouldBe(HttpStatusCode.OK, "Prometheus sends the key as a bearer token");
    }
}
