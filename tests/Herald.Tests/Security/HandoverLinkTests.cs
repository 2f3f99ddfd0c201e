using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Herald.Core.Access;
using Herald.Server.Api;
using Herald.Tests.Shared;
using Herald.Tests.Support;
using Microsoft.Extensions.Time.Testing;

namespace Herald.Tests.Security;

/// <summary>
/// The credential hand-over link (issue 12) through HTTP: an Operator asks for a credential, the account holder
/// opens the public page without signing in, and Herald checks the account with the simulator before keeping it.
/// </summary>
public sealed class HandoverLinkTests : IAsyncLifetime
{
    // Whole milliseconds, as the database keeps times.
    private readonly FakeTimeProvider _clock = new(DateTimeOffset.FromUnixTimeMilliseconds(DateTimeOffset.UtcNow.ToUnixTimeMilliseconds()));
    private readonly RecordedLogs _logs = new();
    private HeraldHarness _harness = null!;

    public async Task InitializeAsync() => _harness = await HeraldHarness.StartAsync(clock: _clock, logSink: _logs);

    public async Task DisposeAsync() => await _harness.DisposeAsync();

    [Fact]
    public async Task HandOver_WithABadTokenThenAGoodOne_KeepsTheLinkUsableThenStoresTheCredentialAndClosesTheLink()
    {
        var link = await RequestAsync("insider-prod", 24);
        var path = new Uri(link.Link).AbsolutePath;
        using var holder = new UiClient(_harness.Herald.BaseUrl);

        var page = await holder.Http.GetStringAsync(path);
        page.ShouldContain("insider-prod");

        var refused = await HandOverAsync(holder, path, "herald-demo", "wrong-token");
        (await refused.Content.ReadAsStringAsync()).ShouldContain("the connection test failed");
        (await _harness.Api.Http.GetAsync("/api/credentials/insider-prod")).StatusCode.ShouldBe(HttpStatusCode.NotFound);

        var accepted = await HandOverAsync(holder, path, "herald-demo", "demo-token");
        accepted.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await accepted.Content.ReadAsStringAsync()).ShouldContain("stored the credential");
        var stored = (await _harness.Api.Http.GetFromJsonAsync<CredentialView>("/api/credentials/insider-prod", HeraldApi.Json))!;
        stored.PartnerName.ShouldBe("herald-demo");

        var again = await holder.Http.GetAsync(path);
        again.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await again.Content.ReadAsStringAsync()).ShouldContain("This link is no longer valid");
        var listed = (await _harness.Api.Http.GetFromJsonAsync<HandoverLinkView[]>("/api/credentials/requests", HeraldApi.Json))!.ShouldHaveSingleItem();
        listed.UsedAt.ShouldBe(_clock.GetUtcNow());
    }

    [Fact]
    public async Task HandOver_OfAUsedLink_IsRefusedAndChangesNothing()
    {
        var path = new Uri((await RequestAsync("used-once", 24)).Link).AbsolutePath;
        using var holder = new UiClient(_harness.Herald.BaseUrl);
        (await HandOverAsync(holder, path, "herald-demo", "demo-token")).StatusCode.ShouldBe(HttpStatusCode.OK);

        var second = await HandOverAsync(holder, path, "someone-else", "other-token", pageWithForm: "/signin");

        second.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await second.Content.ReadAsStringAsync()).ShouldContain("This link is no longer valid");
        (await _harness.Api.Http.GetFromJsonAsync<CredentialView>("/api/credentials/used-once", HeraldApi.Json))!.PartnerName.ShouldBe("herald-demo");
    }

    [Fact]
    public async Task HandOver_AfterTheLinkExpired_AnswersLikeAnUnknownLinkAndStoresNothing()
    {
        var path = new Uri((await RequestAsync("too-late", 1)).Link).AbsolutePath;
        _clock.Advance(TimeSpan.FromHours(1));
        using var holder = new UiClient(_harness.Herald.BaseUrl);

        var expired = await holder.Http.GetAsync(path);
        var unknown = await holder.Http.GetAsync("/handover/" + new string('x', 43));
        var late = await HandOverAsync(holder, path, "herald-demo", "demo-token", pageWithForm: "/signin");

        expired.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await expired.Content.ReadAsStringAsync()).ShouldContain("This link is no longer valid");
        (await unknown.Content.ReadAsStringAsync()).ShouldContain("This link is no longer valid");
        late.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await _harness.Api.Http.GetAsync("/api/credentials/too-late")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Request_LongerThanMaxHandoverHoursOrForAnExistingCredential_IsRefusedNamingTheSetting()
    {
        await _harness.Api.AddCredentialAsync("taken");

        var tooLong = await _harness.Api.Http.PostAsJsonAsync("/api/credentials/requests", new HandoverRequestInput("fresh", "insiderone", 169));
        var taken = await _harness.Api.Http.PostAsJsonAsync("/api/credentials/requests", new HandoverRequestInput("taken", "insiderone", 24));

        tooLong.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await tooLong.Content.ReadAsStringAsync()).ShouldContain("Herald:Access:MaxHandoverHours");
        taken.StatusCode.ShouldBe(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task HandOver_NeverShowsTheTokenOrTheLinkInAuditLogsOrAnswers()
    {
        var link = await RequestAsync("secret-check", 24);
        var linkToken = link.Link[(link.Link.LastIndexOf('/') + 1)..];
        var path = new Uri(link.Link).AbsolutePath;
        using var holder = new UiClient(_harness.Herald.BaseUrl);
        var refusedAnswer = await (await HandOverAsync(holder, path, "herald-demo", "wrong-token")).Content.ReadAsStringAsync();
        var acceptedAnswer = await (await HandOverAsync(holder, path, "herald-demo", "demo-token")).Content.ReadAsStringAsync();

        var audit = await _harness.Api.Http.GetStringAsync("/api/audit");
        var entries = (await _harness.Api.Http.GetFromJsonAsync<AuditEntry[]>("/api/audit", HeraldApi.Json))!;
        var everything = string.Join("\n", audit, _logs.AllText, refusedAnswer, acceptedAnswer,
            await _harness.Api.Http.GetStringAsync("/api/credentials/requests"), await _harness.Api.Http.GetStringAsync("/api/credentials/secret-check"));

        everything.ShouldNotContain("wrong-token");
        everything.ShouldNotContain("demo-token");
        everything.ShouldNotContain(linkToken);
        entries.ShouldContain(e => e.Actor == "handover" && e.Operation == "add credential" && e.Subject == "secret-check" && e.Outcome == "done");
        entries.ShouldContain(e => e.Actor == "handover" && e.Subject == "secret-check" && e.Outcome == "refused");
        entries.ShouldContain(e => e.Operation == "request credential by hand-over link" && e.Subject == "secret-check");
    }

    [Fact]
    public async Task Cleanup_AfterTheRetentionPeriod_RemovesUsedAndExpiredLinks_WhileTheCredentialStillSaysWhoAskedForIt()
    {
        var asked = _clock.GetUtcNow();
        var requester = (await _harness.Api.Http.GetFromJsonAsync<CallerView>("/api/me", HeraldApi.Json))!.Name;
        using var holder = new UiClient(_harness.Herald.BaseUrl);
        (await HandOverAsync(holder, new Uri((await RequestAsync("kept-origin", 24)).Link).AbsolutePath, "herald-demo", "demo-token"))
            .StatusCode.ShouldBe(HttpStatusCode.OK);
        await RequestAsync("never-used", 1);
        _clock.Advance(TimeSpan.FromHours(2));
        await RequestAsync("still-open", 168);
        (await LinksAsync()).Length.ShouldBe(3);

        // The used link and the expired one are now older than the retention; the open one expires in 166 hours.
        _clock.Advance(TimeSpan.FromHours(Herald.Application.Handover.HandoverLimits.DefaultRetentionHours));

        await Eventually.TrueAsync(async () => (await LinksAsync()).Select(l => l.CredentialName).SequenceEqual(["still-open"]),
            "the background cleanup removes the used and the expired link");
        var shown = (await _harness.Api.Http.GetFromJsonAsync<CredentialView>("/api/credentials/kept-origin", HeraldApi.Json))!;
        shown.HandedOver.ShouldBe(new CredentialHandoverView(requester, asked, asked));
        using var operatorBrowser = new UiClient(_harness.Herald.BaseUrl);
        (await operatorBrowser.SignInAsync(_harness.Herald.ApiKey)).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await operatorBrowser.Http.GetStringAsync("/credentials/kept-origin/edit")).ShouldContain($"through a link that {requester} asked for");
    }

    [Fact]
    public async Task Credential_EnteredInHerald_SaysNothingOfAHandOver()
    {
        await _harness.Api.AddCredentialAsync("typed-in");

        (await _harness.Api.Http.GetFromJsonAsync<CredentialView>("/api/credentials/typed-in", HeraldApi.Json))!.HandedOver.ShouldBeNull();
    }

    [Theory]
    [InlineData("0")]
    [InlineData("8785")]
    public async Task Start_WithAHandoverRetentionOutOfRange_FailsNamingTheSetting(string hours)
    {
        using var directory = new TestDirectory("retention");

        var failure = await Should.ThrowAsync<Microsoft.Extensions.Options.OptionsValidationException>(() => Herald.Server.HeraldServer.StartAsync(new Herald.Server.HeraldStartOptions
        {
            DataDirectory = directory.File("data"),
            Settings = new Dictionary<string, string?> { ["Herald:Access:HandoverRetentionHours"] = hours, ["Herald:Source:SampleCustomers"] = "10" },
            Urls = "http://127.0.0.1:0",
        }, CancellationToken.None));

        failure.Message.ShouldContain("Herald:Access:HandoverRetentionHours");
    }

    private async Task<HandoverLinkView[]> LinksAsync() =>
        (await _harness.Api.Http.GetFromJsonAsync<HandoverLinkView[]>("/api/credentials/requests", HeraldApi.Json))!;

    private async Task<HandoverRequestView> RequestAsync(string name, double hours)
    {
        var response = await _harness.Api.Http.PostAsJsonAsync("/api/credentials/requests", new HandoverRequestInput(name, "insiderone", hours));
        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        var view = (await response.Content.ReadFromJsonAsync<HandoverRequestView>(HeraldApi.Json))!;
        Regex.IsMatch(view.Link, "/handover/[A-Za-z0-9_-]{43}$").ShouldBeTrue(view.Link);
        return view;
    }

    private static Task<HttpResponseMessage> HandOverAsync(UiClient holder, string path, string partnerName, string apiToken, string? pageWithForm = null) =>
        holder.PostFormAsync(pageWithForm ?? path, path, new Dictionary<string, string> { ["PartnerName"] = partnerName, ["ApiToken"] = apiToken });
}
