using System.Net;
using System.Net.Http.Json;
using Herald.Server.Api;
using Herald.Tests.Support;

namespace Herald.Tests.Pii;

/// <summary>
/// A user whose policy restricts personal data (Restrict PII access) sees no value of a PII column anywhere Herald shows
/// values, only ••• and a sentence saying why; an Operator sees them; values that are not PII stay visible to everyone.
/// Tested with real values of the sample customer 360.
/// </summary>
public sealed class PiiRedactionTests : IAsyncLifetime
{
    private const string Hidden = "•••";
    private const string EmailSentence = "Values of Customer_360.email are hidden: your policy restricts personal data (PII).";
    private const string FirstCustomers = "SELECT amperity_id, email FROM Customer_360 WHERE email LIKE '%@%' ORDER BY amperity_id LIMIT 5";

    private HeraldHarness _harness = null!;
    private HttpClient _operator = null!;
    private HttpClient _restricted = null!;
    private string _firstEmail = null!;
    private string _firstId = null!;

    public async Task InitializeAsync()
    {
        _harness = await HeraldHarness.StartAsync();
        _operator = await _harness.Api.ClientForNewUserAsync("olga", "Operator", restrictPii: false);
        _restricted = await _harness.Api.ClientForNewUserAsync("rudi", "User", restrictPii: true);
        var preview = await PreviewAsync(_operator, FirstCustomers, "uuid");
        (_firstId, _firstEmail) = (preview.Rows[0][0]!, preview.Rows[0][1]!);
        _firstEmail.ShouldContain("@", customMessage: "a real email of the sample");
    }

    public async Task DisposeAsync()
    {
        _operator.Dispose();
        _restricted.Dispose();
        await _harness.DisposeAsync();
    }

    [Fact]
    public async Task Preview_ForARestrictedUser_HidesTheEmailsAndSaysWhy_ButShowsTheIds()
    {
        var response = await _restricted.PostAsJsonAsync("/api/queries/preview", new QueryPreviewRequest(FirstCustomers, "uuid", 5));

        var body = await response.Content.ReadAsStringAsync();
        response.StatusCode.ShouldBe(HttpStatusCode.OK, body);
        body.ShouldNotContain(_firstEmail, Case.Insensitive);
        var preview = System.Text.Json.JsonSerializer.Deserialize<QueryPreviewView>(body, HeraldApi.Json);
        preview.ShouldNotBeNull().Rows.Select(r => r[1]).ShouldAllBe(v => v == Hidden);
        preview.Rows[0][0].ShouldBe(_firstId);
        preview.Redacted.ShouldBe(EmailSentence);
    }

    [Fact]
    public async Task Preview_ForAnOperator_ShowsTheEmails()
    {
        var preview = await PreviewAsync(_operator, FirstCustomers, "uuid");

        preview.Rows[0][1].ShouldBe(_firstEmail);
        preview.Redacted.ShouldBeNull();
    }

    [Fact]
    public async Task Preview_WithoutPiiColumns_ForARestrictedUser_ShowsEveryValue()
    {
        var preview = await PreviewAsync(_restricted, "SELECT amperity_id FROM Customer_360 ORDER BY amperity_id LIMIT 5", "uuid");

        preview.Rows[0][0].ShouldBe(_firstId);
        preview.Redacted.ShouldBeNull();
        preview.Pii!.AudienceIsPii.ShouldBeFalse();
    }

    [Fact]
    public async Task Preview_OfValuesSentAsEmails_ForARestrictedUser_HidesThemByTheAttributeRule()
    {
        var preview = await PreviewAsync(_restricted, $"SELECT '{_firstEmail}' AS email", "email");

        preview.Rows.ShouldHaveSingleItem().ShouldBe([Hidden]);
        preview.Redacted.ShouldBe(PiiSentence("email (sent as email)"));
    }

    [Fact]
    public async Task PreviewError_QuotingAnEmail_ForARestrictedUser_HidesIt()
    {
        const string failing = "SELECT CAST(email AS INTEGER) AS n FROM Customer_360 WHERE strpos(email, chr(64)) > 0 ORDER BY amperity_id";

        var asOperator = await (await _operator.PostAsJsonAsync("/api/queries/preview", new QueryPreviewRequest(failing))).Content.ReadAsStringAsync();
        var refused = await _restricted.PostAsJsonAsync("/api/queries/preview", new QueryPreviewRequest(failing));

        asOperator.ShouldContain("@", customMessage: "DuckDB's error quotes the value it could not convert");
        refused.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var text = await refused.Content.ReadAsStringAsync();
        text.ShouldNotContain("@");
        text.ShouldContain($"'{Hidden}'");
    }

    [Fact]
    public async Task DiffSample_ForARestrictedUser_HidesEveryValueAndSaysWhy()
    {
        var destination = await _harness.Api.AddDestinationWithCredentialAsync("Sampled for PII");
        var run = await _harness.Api.SendAndWaitAsync(destination.Name, "SELECT email FROM Customer_360 WHERE email LIKE '%_@_%._%' ORDER BY amperity_id LIMIT 5");
        var seen = await HeraldApi.ReadAsync<DiffSampleView>(await _operator.GetAsync($"/api/runs/{run.Id}/diff-sample"), HttpStatusCode.OK);

        var response = await _restricted.GetAsync($"/api/runs/{run.Id}/diff-sample");

        run.State.ShouldBe("succeeded");
        seen.Added.ShouldNotBeEmpty();
        seen.Redacted.ShouldBeNull();
        var body = await response.Content.ReadAsStringAsync();
        response.StatusCode.ShouldBe(HttpStatusCode.OK, body);
        foreach (var value in seen.Added)
        {
            body.ShouldNotContain(value, Case.Insensitive);
        }
        var hidden = System.Text.Json.JsonSerializer.Deserialize<DiffSampleView>(body, HeraldApi.Json)!;
        hidden.Added.Count.ShouldBe(seen.Added.Count);
        hidden.Added.ShouldAllBe(v => v == Hidden);
        hidden.Redacted.ShouldBe(EmailSentence);
    }

    [Fact]
    public async Task FailedRun_WhoseReasonQuotesAnEmail_ShowsItToAnOperatorOnly()
    {
        var destination = await _harness.Api.AddDestinationWithCredentialAsync("Failing for PII");
        var run = await _harness.Api.SendAndWaitAsync(destination.Name,
            "SELECT CAST(email AS INTEGER) AS email FROM Customer_360 WHERE strpos(email, chr(64)) > 0 ORDER BY amperity_id");

        var asOperator = await _operator.GetStringAsync($"/api/runs/{run.Id}");
        var asRestricted = await _restricted.GetStringAsync($"/api/runs/{run.Id}");
        var listed = await _restricted.GetStringAsync("/api/runs?limit=50");

        run.State.ShouldBe("failed");
        asOperator.ShouldContain("@", customMessage: "DuckDB's error quotes the value it could not convert");
        asRestricted.ShouldNotContain("@");
        asRestricted.ShouldContain($"'{Hidden}'");
        asRestricted.ShouldContain("Failing for PII", customMessage: "the run's own names stay");
        listed.ShouldNotContain("@");
    }

    [Fact]
    public async Task Pages_ForARestrictedUser_ShowNoEmail_InThePreviewTheRunOrTheSampleCsv()
    {
        var destination = await _harness.Api.AddDestinationWithCredentialAsync("Paged for PII");
        var run = await _harness.Api.SendAndWaitAsync(destination.Name, "SELECT email FROM Customer_360 WHERE email LIKE '%_@_%._%' ORDER BY amperity_id LIMIT 5");
        var seen = await HeraldApi.ReadAsync<DiffSampleView>(await _operator.GetAsync($"/api/runs/{run.Id}/diff-sample"), HttpStatusCode.OK);
        using var ui = new UiClient(_harness.Herald.BaseUrl);
        (await ui.SignInAsync(_restricted.DefaultRequestHeaders.GetValues("X-Herald-Api-Key").Single())).StatusCode.ShouldBe(HttpStatusCode.Redirect);

        var preview = await (await ui.PostFormAsync("/orchestrations/new", "/orchestrations/new?handler=Preview",
            new Dictionary<string, string> { ["Query"] = FirstCustomers, ["Destination"] = destination.Name })).Content.ReadAsStringAsync();
        var runPage = await ui.Http.GetStringAsync($"/runs/{run.Id}");
        var csv = await ui.Http.GetStringAsync($"/runs/{run.Id}?handler=DiffSample");

        preview.ShouldContain(_firstId);
        preview.ShouldContain("are hidden: your policy restricts personal data (PII).");
        csv.ShouldStartWith("change,value\nnote,");
        csv.Split('\n').Count(line => line.StartsWith("added,", StringComparison.Ordinal)).ShouldBe(seen.Added.Count);
        foreach (var value in seen.Added.Append(_firstEmail))
        {
            preview.ShouldNotContain(value, Case.Insensitive);
            runPage.ShouldNotContain(value, Case.Insensitive);
            csv.ShouldNotContain(value, Case.Insensitive);
        }
    }

    private static string PiiSentence(string what) => $"Values of {what} are hidden: your policy restricts personal data (PII).";

    private static async Task<QueryPreviewView> PreviewAsync(HttpClient http, string query, string attributeName) =>
        await HeraldApi.ReadAsync<QueryPreviewView>(await http.PostAsJsonAsync("/api/queries/preview", new QueryPreviewRequest(query, attributeName, 5)), HttpStatusCode.OK);
}
