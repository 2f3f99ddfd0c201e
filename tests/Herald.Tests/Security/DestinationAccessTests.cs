using System.Net;
using System.Net.Http.Json;
using Herald.Core.Access;
using Herald.Server.Api;
using Herald.Tests.Support;

namespace Herald.Tests.Security;

/// <summary>
/// A destination's Admin only and PII settings (access.md's destination dialog), through HTTP: an admin-only destination
/// and the orchestrations sending to it are invisible to a User and unusable by them, an Operator sees and uses them;
/// a user with restricted PII access cannot send to a destination whose PII setting is off, and the refusal says so.
/// </summary>
public sealed class DestinationAccessTests : IAsyncLifetime
{
    private HeraldHarness _harness = null!;

    public async Task InitializeAsync() => _harness = await HeraldHarness.StartAsync();

    public async Task DisposeAsync() => await _harness.DisposeAsync();

    [Fact]
    public async Task AdminOnlyDestination_IsInvisibleToAUser_AndUsableByAnOperator()
    {
        await AddDestinationAsync("vip", adminOnly: true, piiAllowed: false);
        await AddOrchestrationAsync("vip-daily", "vip");
        using var user = await _harness.Api.ClientForNewUserAsync("uwe", "User", restrictPii: false);
        using var operatorClient = await _harness.Api.ClientForNewUserAsync("otto", "Operator", restrictPii: false);

        var destinations = await user.GetStringAsync("/api/destinations");
        var orchestrations = await user.GetStringAsync("/api/orchestrations");
        var credentials = await user.GetStringAsync("/api/credentials");
        var details = await user.GetAsync("/api/destinations/vip");
        var orchestration = await user.GetAsync("/api/orchestrations/vip-daily");
        var start = await user.PostAsJsonAsync("/api/orchestrations/vip-daily/runs", new RunRequest());

        destinations.ShouldNotContain("vip");
        orchestrations.ShouldNotContain("vip");
        credentials.ShouldNotContain("\"vip\"");
        details.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        orchestration.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        start.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await operatorClient.GetFromJsonAsync<DestinationView>("/api/destinations/vip", HeraldApi.Json))!.AdminOnly.ShouldBeTrue();
        (await operatorClient.PostAsJsonAsync("/api/orchestrations/vip-daily/runs", new RunRequest())).StatusCode.ShouldBe(HttpStatusCode.Accepted);
    }

    [Fact]
    public async Task RestrictedUser_RunningThroughADestinationWithPiiOff_IsRefusedSayingSo_UntilAnOperatorTurnsItOn()
    {
        await AddDestinationAsync("crm", adminOnly: false, piiAllowed: false);
        await AddOrchestrationAsync("crm-daily", "crm");
        using var restricted = await _harness.Api.ClientForNewUserAsync("rita", "User", restrictPii: true);
        using var unrestricted = await _harness.Api.ClientForNewUserAsync("ulf", "User", restrictPii: false);
        using var operatorClient = await _harness.Api.ClientForNewUserAsync("olaf", "Operator", restrictPii: false);

        var refused = await restricted.PostAsJsonAsync("/api/orchestrations/crm-daily/runs", new RunRequest());
        var allowed = await unrestricted.PostAsJsonAsync("/api/orchestrations/crm-daily/runs", new RunRequest());
        var turnedOn = await operatorClient.PutAsJsonAsync("/api/destinations/crm", new DestinationUpdate(null, null, null, null, PiiAllowed: true));
        var afterwards = await restricted.PostAsJsonAsync("/api/orchestrations/crm-daily/runs", new RunRequest());

        refused.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await refused.Content.ReadFromJsonAsync<ApiProblem>(HeraldApi.Json))!.Detail.ShouldBe(
            "'rita' may not send to the destination 'crm': your policy restricts personal data (PII), and the destination's PII setting is off. " +
            "Ask an Operator to turn on its PII setting (limited access to PII for this destination), or to send it for you.");
        allowed.StatusCode.ShouldBe(HttpStatusCode.Accepted);
        (await HeraldApi.ReadAsync<DestinationView>(turnedOn, HttpStatusCode.OK)).PiiAllowed.ShouldBeTrue();
        afterwards.StatusCode.ShouldBe(HttpStatusCode.Accepted);
        var changes = await _harness.Api.Http.GetFromJsonAsync<AuditEntry[]>("/api/audit?actor=olaf", HeraldApi.Json);
        changes.ShouldNotBeNull().ShouldHaveSingleItem().Operation.ShouldBe("change destination");
        changes[0].After.ShouldNotBeNull().ShouldContain("\"PiiAllowed\":true", Case.Insensitive);
    }

    [Fact]
    public async Task AdminOnlyDestination_IsLeftOutOfTheUsersPages()
    {
        await AddDestinationAsync("hidden-from-users", adminOnly: true, piiAllowed: false);
        await AddOrchestrationAsync("hidden-daily", "hidden-from-users");
        using var user = await _harness.Api.ClientForNewUserAsync("ute", "User", restrictPii: false);
        using var ui = new UiClient(_harness.Herald.BaseUrl);
        (await ui.SignInAsync(user.DefaultRequestHeaders.GetValues("X-Herald-Api-Key").Single())).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        using var admin = new UiClient(_harness.Herald.BaseUrl);
        (await admin.SignInAsync(_harness.Herald.ApiKey)).StatusCode.ShouldBe(HttpStatusCode.Redirect);

        foreach (var page in new[] { "/destinations", "/orchestrations", "/orchestrations/new" })
        {
            (await ui.Http.GetStringAsync(page)).ShouldNotContain("hidden-", customMessage: page);
            (await admin.Http.GetStringAsync(page)).ShouldContain("hidden-", customMessage: page);
        }
        (await ui.Http.GetAsync("/orchestrations/hidden-daily")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await admin.Http.GetStringAsync("/destinations/hidden-from-users/edit")).ShouldContain("id=\"AdminOnly\" name=\"AdminOnly\" value=\"true\" checked=\"checked\"");
    }

    private async Task AddDestinationAsync(string name, bool adminOnly, bool piiAllowed)
    {
        await _harness.Api.AddCredentialAsync($"{name}-cred");
        var added = await HeraldApi.ReadAsync<DestinationView>(await _harness.Api.Http.PostAsJsonAsync("/api/destinations",
            new DestinationInput(name, $"{name}-cred", $"Segment {name}", "email", null, AdminOnly: adminOnly, PiiAllowed: piiAllowed)), HttpStatusCode.Created);
        (added.AdminOnly, added.PiiAllowed).ShouldBe((adminOnly, piiAllowed));
    }

    private async Task AddOrchestrationAsync(string name, string destination) =>
        await HeraldApi.ReadAsync<OrchestrationView>(await _harness.Api.Http.PostAsJsonAsync("/api/orchestrations",
            new OrchestrationInput(name, destination, "SELECT email FROM Customer_360 WHERE email LIKE '%_@_%._%' LIMIT 3")), HttpStatusCode.Created);
}
