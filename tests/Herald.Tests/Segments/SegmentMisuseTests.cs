using System.Net;
using System.Net.Http.Json;
using Herald.Application.Segments;
using Herald.Server.Api;
using Herald.Tests.Support;

namespace Herald.Tests.Segments;

/// <summary>
/// Saved segments take hostile input: SQL that is not a segment or tries to leave the query sandbox, identifier columns
/// that are SQL or not in the schema, removals that would break an orchestration. Each is refused with what to change,
/// and nothing is saved.
/// </summary>
public sealed class SegmentMisuseTests : IAsyncLifetime
{
    private HeraldHarness _harness = null!;

    public async Task InitializeAsync() => _harness = await HeraldHarness.StartAsync();

    public async Task DisposeAsync() => await _harness.DisposeAsync();

    [Theory]
    [InlineData("SELECT email FROM Customer_360", "'email'")]
    [InlineData("SELECT amperity_id, email FROM Customer_360", "2 column(s)")]
    [InlineData("SELECT amperity_id AS AMPERITY_ID FROM Customer_360", "'AMPERITY_ID'")]
    [InlineData("   ", "empty")]
    public async Task Save_WhenTheSqlDoesNotReturnExactlyAmperityId_IsRefusedSayingWhatToSelect(string sql, string named)
    {
        var response = await _harness.Api.Http.PostAsJsonAsync("/api/segments", new SegmentInput("not-a-segment", sql));

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var text = await response.Content.ReadAsStringAsync();
        text.ShouldContain(named);
        text.ShouldContain("amperity_id");
        (await _harness.Api.Http.GetAsync("/api/segments/not-a-segment")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Theory]
    [InlineData("SELECT column0 AS amperity_id FROM read_csv('/etc/passwd')", "outside the folders")]
    [InlineData("SELECT content AS amperity_id FROM read_text('/etc/hostname')", "outside the folders")]
    [InlineData("SELECT amperity_id FROM Customer_360; DROP TABLE Customer_360", "")]
    [InlineData("SELECT amperity_id FROM Customer_360) UNION ALL (SELECT email FROM Customer_360", "")]
    [InlineData("ATTACH '/tmp/other.duckdb' AS other", "")]
    [InlineData("SELECT amperity_id FROM Customer_360 WHERE getenv('HOME') IS NOT NULL", "")]
    public async Task Save_WhenTheSqlTriesToReadFilesOrLeaveTheSandbox_IsRefused_AndNothingIsSaved(string sql, string named)
    {
        var response = await _harness.Api.Http.PostAsJsonAsync("/api/segments", new SegmentInput("escape", sql));

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await response.Content.ReadAsStringAsync()).ShouldContain(named);
        (await _harness.Api.Http.GetFromJsonAsync<SegmentView[]>("/api/segments", HeraldApi.Json))!.ShouldBeEmpty();
    }

    [Theory]
    [InlineData("email\" AS email FROM Customer_360; --")]
    [InlineData("email FROM Customer_360 UNION SELECT given_name")]
    [InlineData("\"email\"")]
    [InlineData("no_such_column")]
    [InlineData("birthdate")]
    [InlineData("amperity_id")]
    [InlineData("")]
    public async Task Orchestration_WhoseIdentifierColumnIsSqlOrNotATextColumnOfTheIdentityTable_IsRefused(string identifierColumn)
    {
        var segment = await _harness.Api.AddSegmentAsync("gold", SegmentHarness.GoldSql);
        var destination = await _harness.Api.AddDestinationWithCredentialAsync(SegmentHarness.Unique("Gold"), "email");

        var response = await _harness.Api.AddSegmentOrchestrationAsync("gold-emails", destination.Name, segment.Name, identifierColumn);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var text = await response.Content.ReadAsStringAsync();
        text.ShouldContain("choose one of");
        text.ShouldContain("email");
        (await _harness.Api.Http.GetAsync("/api/orchestrations/gold-emails")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Orchestration_NamingAMissingSegment_OrBothAQueryAndASegment_IsRefused()
    {
        var segment = await _harness.Api.AddSegmentAsync("gold", SegmentHarness.GoldSql);
        var destination = await _harness.Api.AddDestinationWithCredentialAsync(SegmentHarness.Unique("Gold"), "email");

        var missing = await _harness.Api.AddSegmentOrchestrationAsync("o1", destination.Name, "no-such-segment", "email");
        var both = await _harness.Api.Http.PostAsJsonAsync("/api/orchestrations",
            new OrchestrationInput("o2", destination.Name, "SELECT email FROM Customer_360", Segment: segment.Name, IdentifierColumn: "email"));
        var columnAlone = await _harness.Api.Http.PostAsJsonAsync("/api/orchestrations",
            new OrchestrationInput("o3", destination.Name, "SELECT email FROM Customer_360", IdentifierColumn: "email"));

        missing.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await missing.Content.ReadAsStringAsync()).ShouldContain("No saved segment named 'no-such-segment'");
        both.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await both.Content.ReadAsStringAsync()).ShouldContain("not both");
        columnAlone.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await columnAlone.Content.ReadAsStringAsync()).ShouldContain("goes with a saved segment");
    }

    [Fact]
    public async Task Remove_WhileAnOrchestrationSendsIt_IsRefusedNamingTheOrchestration_AndWorksOnceItNoLongerDoes()
    {
        var segment = await _harness.Api.AddSegmentAsync("gold", SegmentHarness.GoldSql);
        var destination = await _harness.Api.AddDestinationWithCredentialAsync(SegmentHarness.Unique("Gold"), "email");
        (await _harness.Api.AddSegmentOrchestrationAsync("gold-emails", destination.Name, segment.Name, "email")).StatusCode.ShouldBe(HttpStatusCode.Created);

        var refused = await _harness.Api.Http.DeleteAsync("/api/segments/gold");

        refused.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await refused.Content.ReadAsStringAsync()).ShouldContain("'gold-emails'");
        (await _harness.Api.Http.GetAsync("/api/segments/gold")).StatusCode.ShouldBe(HttpStatusCode.OK);

        // Pointed at a query of its own, the orchestration no longer sends the segment, which can then go.
        (await _harness.Api.Http.PutAsJsonAsync("/api/orchestrations/gold-emails", new OrchestrationUpdate(null, "SELECT email FROM Customer_360 WHERE loyalty_tier = 'gold'", null, null)))
            .StatusCode.ShouldBe(HttpStatusCode.OK);
        (await _harness.Api.Http.DeleteAsync("/api/segments/gold")).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        var audit = (await _harness.Api.Http.GetFromJsonAsync<Herald.Core.Access.AuditEntry[]>("/api/audit?action=segment:edit", HeraldApi.Json))!;
        audit.Select(e => (e.Operation, e.Subject, e.Outcome)).ShouldBe(
            [("add segment", "gold", "done"), ("remove segment", "gold", "refused"), ("remove segment", "gold", "done")], ignoreOrder: true);
    }

    [Theory]
    [InlineData("bad name!")]
    [InlineData("-starts-with-a-dash")]
    [InlineData("../../etc")]
    public async Task Save_WithANameOutsideTheCatalogsRules_IsRefused(string name)
    {
        var response = await _harness.Api.Http.PostAsJsonAsync("/api/segments", new SegmentInput(name, SegmentHarness.GoldSql));

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await response.Content.ReadAsStringAsync()).ShouldContain("may hold only letters, digits");
    }

    [Fact]
    public async Task Save_WithSqlLongerThanTheLimit_IsRefusedBeforeItRuns()
    {
        var sql = SegmentHarness.GoldSql + " AND amperity_id <> '" + new string('x', Herald.Core.Catalog.SavedSegment.MaxSqlLength) + "'";

        var response = await _harness.Api.Http.PostAsJsonAsync("/api/segments", new SegmentInput("long", sql));

        response.StatusCode.ShouldBeOneOf(HttpStatusCode.BadRequest, HttpStatusCode.RequestEntityTooLarge);
    }

    [Theory]
    [InlineData("", 8, "IdentityTable")]
    [InlineData("Customer_360; DROP TABLE x", 8, "IdentityTable")]
    [InlineData("Customer_360", 0, "MaxIdentifierColumns")]
    [InlineData("Customer_360", 65, "MaxIdentifierColumns")]
    public void Options_OutsideTheirRange_AreRefusedNamingTheSetting(string table, int max, string setting)
    {
        var options = new SegmentOptions { IdentityTable = table, MaxIdentifierColumns = max };

        var problems = options.Validate(new System.ComponentModel.DataAnnotations.ValidationContext(options)).ToList();

        problems.ShouldHaveSingleItem().ErrorMessage.ShouldNotBeNull().ShouldContain($"Herald:Segments:{setting}");
    }
}
