using System.Net;
using System.Net.Http.Json;
using Herald.Core.Access;
using Herald.Server.Api;
using Herald.Tests.Support;

namespace Herald.Tests.Security;

/// <summary>
/// The audit log through HTTP: changes with before and after (never a token), runs started, refused attempts, by the
/// caller that made them, through the API and the pages alike; read with audit:read, exported as CSV.
/// </summary>
public sealed class AuditTests : IAsyncLifetime
{
    private const string Token = "audit-token-7f3a9c1e";
    private const string RotatedToken = "audit-token-rotated-42b8";
    private HeraldHarness _harness = null!;

    public async Task InitializeAsync() => _harness = await HeraldHarness.StartAsync();

    public async Task DisposeAsync() => await _harness.DisposeAsync();

    [Fact]
    public async Task CredentialChanges_AreAudited_WithBeforeAndAfter_AndNeverTheToken()
    {
        await _harness.Api.AddCredentialAsync("audited", "brand-one", Token);
        (await _harness.Api.Http.PutAsJsonAsync("/api/credentials/audited", new CredentialUpdate("brand-two", RotatedToken, null))).StatusCode.ShouldBe(HttpStatusCode.OK);

        var entries = await AuditAsync("/api/audit?action=credential:edit");
        var csv = await _harness.Api.Http.GetStringAsync("/api/audit?format=csv");

        var change = entries.First(e => e.Operation == "change credential and rotate its secrets");
        change.Actor.ShouldBe("admin");
        change.Outcome.ShouldBe("done");
        change.Before!.ShouldContain("brand-one");
        change.After!.ShouldContain("brand-two");
        entries.ShouldContain(e => e.Operation == "add credential" && e.Subject == "audited");
        foreach (var text in entries.Select(e => $"{e.Before}{e.After}{e.Detail}").Append(csv))
        {
            text.ShouldNotContain(Token);
            text.ShouldNotContain(RotatedToken);
        }
        csv.ShouldStartWith("sequence,at,actor,");
    }

    [Fact]
    public async Task ARefusedAttempt_AndARunStarted_AreAudited_UnderTheCallersName()
    {
        var destination = await _harness.Api.AddDestinationWithCredentialAsync("Audited");
        var run = await _harness.Api.SendAsync(destination.Name, "SELECT email FROM Customer_360 LIMIT 3");
        (await _harness.Api.Http.PostAsJsonAsync("/api/users", new UserInput("ivy", null, ["Viewer"]))).StatusCode.ShouldBe(HttpStatusCode.Created);
        var key = await HeraldApi.ReadAsync<NewApiKeyView>(await _harness.Api.Http.PostAsJsonAsync("/api/apikeys", new ApiKeyInput("laptop", "ivy")), HttpStatusCode.Created);
        using var ivy = new HttpClient { BaseAddress = _harness.Herald.BaseUrl, DefaultRequestHeaders = { { "X-Herald-Api-Key", key.Key } } };

        (await ivy.DeleteAsync($"/api/destinations/{destination.Name}")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        var readByIvy = await ivy.GetAsync("/api/audit");

        readByIvy.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        var forbidden = (await AuditAsync("/api/audit?actor=ivy")).ShouldHaveSingleItem();
        (forbidden.Operation, forbidden.Subject, forbidden.Outcome).ShouldBe(("remove destination", destination.Name, "forbidden"));
        forbidden.Detail!.ShouldContain("destination:edit");
        var started = (await AuditAsync("/api/audit?action=run:send")).ShouldHaveSingleItem();
        started.Actor.ShouldBe("admin");
        started.After!.ShouldContain(run.Id.ToString());
        (await AuditAsync("/api/audit?action=user:admin")).Select(e => e.Operation).ShouldBe(["make API key", "add user"]);
        (await ivy.GetStringAsync("/api/me")).ShouldNotContain(key.Key[10..]);
        (await _harness.Api.Http.GetStringAsync("/api/audit")).ShouldNotContain(key.Key);
    }

    [Fact]
    public async Task AChangeThroughThePages_IsAuditedAsTheSignedInUser()
    {
        using var browser = new UiClient(_harness.Herald.BaseUrl);
        (await browser.SignInAsync(_harness.Herald.ApiKey)).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        await _harness.Api.AddCredentialAsync("page-removed");

        (await browser.PostFormAsync("/credentials", "/credentials?handler=Delete", new Dictionary<string, string> { ["name"] = "page-removed" }))
            .StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var page = await browser.Http.GetStringAsync("/audit?Action=credential:edit");

        var removed = (await AuditAsync("/api/audit?action=credential:edit")).First();
        (removed.Operation, removed.Actor, removed.Channel).ShouldBe(("remove credential", "admin", "web"));
        removed.Before!.ShouldContain("page-removed");
        page.ShouldContain("remove credential");
    }

    private async Task<AuditEntry[]> AuditAsync(string path) => (await _harness.Api.Http.GetFromJsonAsync<AuditEntry[]>(path, HeraldApi.Json))!;
}
