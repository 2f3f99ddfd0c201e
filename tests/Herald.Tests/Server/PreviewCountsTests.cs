using System.Net;
using System.Net.Http.Json;
using Herald.Server.Api;
using Herald.Tests.Support;

namespace Herald.Tests.Server;

/// <summary>
/// A preview says what a run of the whole query would send and set aside, and why, by the run's own value rules:
/// the counts it shows are the counts the run then reports.
/// </summary>
public sealed class PreviewCountsTests
{
    // Seven rows: one value to send (twice: one duplicate), an empty one, a NULL, one that is no email address, and
    // one with a comma the one-column file cannot carry.
    private const string Mixed =
        "SELECT * FROM (VALUES ('ada@example.com'), ('ada@example.com'), (''), (NULL), ('not-an-email'), ('b,c@example.com'), ('  ')) AS t(email)";

    [Fact]
    public async Task Preview_WithADestination_CountsWhatARunWouldSetAsideAndWhy_AsTheRunThenReports()
    {
        await using var harness = await HeraldHarness.StartAsync();
        var destination = await harness.Api.AddDestinationWithCredentialAsync($"Preview {Guid.NewGuid():N}"[..20]);

        var preview = await HeraldApi.ReadAsync<QueryPreviewView>(
            await harness.Api.Http.PostAsJsonAsync("/api/queries/preview", new QueryPreviewRequest(Mixed, Destination: destination.Name)), HttpStatusCode.OK);

        preview.ColumnCheckPassed.ShouldBeTrue();
        var counts = preview.Counts.ShouldNotBeNull();
        (counts.RowsQueried, counts.ValuesSent, counts.EmptyValues, counts.DuplicateValues).ShouldBe((7, 1, 3, 1));
        counts.SetAside.OrderBy(p => p.Key).ShouldBe([new("comma", 1), new("invalid_email", 1)]);
        preview.CountsSummary.ShouldBe("A run would send 1 of the query's 7 rows and set 6 aside: 3 empty, 1 duplicate, 1 comma, 1 invalid email.");

        var run = await harness.Api.SendAndWaitAsync(destination.Name, Mixed);
        run.Counts.ShouldNotBeNull();
        (run.Counts.RowsQueried, run.Counts.ValuesSent, run.Counts.EmptyValues, run.Counts.DuplicateValues).ShouldBe((7, 1, 3, 1));
        run.Counts.SetAside.OrderBy(p => p.Key).ShouldBe(counts.SetAside.OrderBy(p => p.Key));
    }

    [Fact]
    public async Task Preview_WithOnlyAnAttributeName_AppliesTheFilesOwnRules_AndSaysTheDestinationsRuleWasNot()
    {
        await using var harness = await HeraldHarness.StartAsync();

        var preview = await HeraldApi.ReadAsync<QueryPreviewView>(
            await harness.Api.Http.PostAsJsonAsync("/api/queries/preview", new QueryPreviewRequest(Mixed, AttributeName: "email")), HttpStatusCode.OK);

        preview.Counts.ShouldNotBeNull().SetAside.ShouldBe([new("comma", 1)]);
        preview.CountsSummary.ShouldNotBeNull().ShouldContain("choose a destination");
    }

    [Fact]
    public async Task Preview_WhoseColumnCheckFails_HasNoCounts_AndAnUnknownDestinationIsNotFound()
    {
        await using var harness = await HeraldHarness.StartAsync();

        var wrongColumn = await HeraldApi.ReadAsync<QueryPreviewView>(
            await harness.Api.Http.PostAsJsonAsync("/api/queries/preview", new QueryPreviewRequest("SELECT 'a@example.com' AS mail", AttributeName: "email")),
            HttpStatusCode.OK);
        var unknown = await harness.Api.Http.PostAsJsonAsync("/api/queries/preview", new QueryPreviewRequest(Mixed, Destination: "no-such-destination"));

        wrongColumn.ColumnCheckPassed.ShouldBeFalse();
        wrongColumn.Counts.ShouldBeNull();
        unknown.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await unknown.Content.ReadAsStringAsync()).ShouldContain("no-such-destination");
    }
}
