using System.Net;
using System.Net.Http.Json;
using Herald.Application.Access;
using Herald.Tests.Support;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.RazorPages.Infrastructure;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Herald.Tests.Security;

/// <summary>
/// Every Razor page POST handler × every standard policy (and Restrict PII access), through a browser signed in with a
/// password: a caller whose policies lack the handler's action is refused with a sentence naming it; a caller that has
/// it is never refused for access. The handlers are those the running server has compiled, so a page handler added
/// without a row here fails the test.
/// </summary>
public sealed class PageActionMatrixTests : IAsyncLifetime
{
    private const string Anyone = "(any signed-in user)";
    private const string Public = "(no sign-in needed)";
    private const string Password = "a long page-matrix password 42";
    private static readonly string Missing = Guid.NewGuid().ToString();

    // What each page handler asks, the path to post to, and a minimal form. Paths name things that exist ("matrix", RUN), so
    // that a refusal for access cannot hide behind a 404; forms are empty or invalid, so that nothing allowed does much.
    private static readonly Dictionary<string, (string Action, string Path, Dictionary<string, string> Form)> Rules = new()
    {
        ["signin"] = (Public, "/signin", []),
        ["signout"] = (Public, "/signout", []),
        ["handover/{token?}"] = (Public, "/handover/missing", []),
        ["alerts/new"] = (HeraldActions.AlertEdit, "/alerts/new", []),
        ["alerts Delete"] = (HeraldActions.AlertEdit, "/alerts?handler=Delete", new() { ["name"] = "matrix" }),
        ["alerts/{name} Test"] = (HeraldActions.AlertEdit, "/alerts/matrix?handler=Test", []),
        ["{collection:regex(^(orchestrations|bridges)$)}/{name}/schedule"] = (HeraldActions.OrchestrationEdit, "/orchestrations/matrix/schedule", []),
        ["{collection:regex(^(orchestrations|bridges)$)}/{name}/schedule Pause"] = (HeraldActions.OrchestrationEdit, "/orchestrations/matrix/schedule?handler=Pause", []),
        ["{collection:regex(^(orchestrations|bridges)$)}/{name}/schedule Resume"] = (HeraldActions.OrchestrationEdit, "/orchestrations/matrix/schedule?handler=Resume", []),
        ["bridges/new"] = (HeraldActions.BridgeEdit, "/bridges/new", []),
        ["bridges/{name} Sync"] = (HeraldActions.RunStart, "/bridges/missing?handler=Sync", []),
        ["bridges Sync"] = (HeraldActions.RunStart, "/bridges?handler=Sync", new() { ["name"] = "missing" }),
        ["orchestrations/new"] = (HeraldActions.OrchestrationEdit, "/orchestrations/new", []),
        ["orchestrations/new Preview"] = (HeraldActions.QueryPreview, "/orchestrations/new?handler=Preview", new() { ["Query"] = "SELECT 1" }),
        ["orchestrations/{name}/edit"] = (HeraldActions.OrchestrationEdit, "/orchestrations/matrix/edit", []),
        ["orchestrations/{name}/edit Preview"] = (HeraldActions.QueryPreview, "/orchestrations/matrix/edit?handler=Preview", new() { ["Query"] = "SELECT 1" }),
        ["orchestrations/{name} Run"] = (HeraldActions.RunStart, "/orchestrations/matrix?handler=Run", []),
        ["orchestrations/{name} TestSend"] = (HeraldActions.RunSend, "/orchestrations/matrix?handler=TestSend", new() { ["SampleSize"] = "10", ["TestSegmentName"] = "Matrix test" }),
        ["orchestrations/{name} Delete"] = (HeraldActions.OrchestrationEdit, "/orchestrations/matrix?handler=Delete", []),
        ["orchestrations Run"] = (HeraldActions.RunStart, "/orchestrations?handler=Run", new() { ["name"] = "missing" }),
        ["segments/new"] = (HeraldActions.SegmentEdit, "/segments/new", []),
        ["segments/new Preview"] = (HeraldActions.QueryPreview, "/segments/new?handler=Preview", new() { ["Sql"] = "SELECT 1" }),
        ["segments/{name}"] = (HeraldActions.SegmentEdit, "/segments/matrix", []),
        ["segments/{name} Preview"] = (HeraldActions.QueryPreview, "/segments/matrix?handler=Preview", new() { ["Sql"] = "SELECT 1" }),
        ["segments/{name} Remove"] = (HeraldActions.SegmentEdit, "/segments/matrix?handler=Remove", []),
        ["credentials/new"] = (HeraldActions.CredentialEdit, "/credentials/new", []),
        ["credentials Request"] = (HeraldActions.CredentialEdit, "/credentials?handler=Request", []),
        ["credentials Delete"] = (HeraldActions.CredentialEdit, "/credentials?handler=Delete", new() { ["name"] = "missing" }),
        ["credentials/{name}/edit"] = (HeraldActions.CredentialEdit, "/credentials/matrix/edit", []),
        ["credentials/{name}/edit Test"] = (HeraldActions.CredentialEdit, "/credentials/matrix/edit?handler=Test", []),
        ["users Add"] = (HeraldActions.UserAdmin, "/users?handler=Add", []),
        ["users Disable"] = (HeraldActions.UserAdmin, "/users?handler=Disable", new() { ["name"] = "missing" }),
        ["users Enable"] = (HeraldActions.UserAdmin, "/users?handler=Enable", new() { ["name"] = "missing" }),
        // The users page is the administrators': rendering it again (after a key is made or revoked) lists the users, user:admin.
        ["users MakeKey"] = (HeraldActions.UserAdmin, "/users?handler=MakeKey", []),
        ["users Revoke"] = (HeraldActions.UserAdmin, "/users?handler=Revoke", new() { ["id"] = Missing }),
        ["runs/{id:guid} Cancel"] = (HeraldActions.RunCancel, "/runs/RUN?handler=Cancel", []),
        // RUN is a send (SendAndWaitAsync): running it again starts a run, and a send ("a+b": both, the first missing named).
        ["runs/{id:guid} RunAgain"] = ($"{HeraldActions.RunStart}+{HeraldActions.RunSend}", "/runs/RUN?handler=RunAgain", []),
        ["destinations/new"] = (HeraldActions.DestinationEdit, "/destinations/new", []),
        ["destinations Delete"] = (HeraldActions.DestinationEdit, "/destinations?handler=Delete", new() { ["name"] = "missing" }),
        ["destinations/{name}/edit"] = (HeraldActions.DestinationEdit, "/destinations/matrix/edit", []),
        // One's own account (a wrong current password spends one of the address's failed sign-ins: one per caller here).
        ["account Password"] = (Anyone, "/account?handler=Password", []),
        ["account MakeKey"] = (Anyone, "/account?handler=MakeKey", []),
        ["account Revoke"] = (Anyone, "/account?handler=Revoke", new() { ["id"] = Missing }),
        // Any reader creates and works in their own sandbox; "matrix" is the administrator's, which others do not reach (their
        // actions allowed end on the sandboxes page saying so). Deleting, promoting, full sends and secrets take sandbox:admin.
        ["sandboxes Create"] = (HeraldActions.CatalogRead, "/sandboxes?handler=Create", []),
        ["sandboxes Delete"] = (HeraldActions.SandboxAdmin, "/sandboxes?handler=Delete", new() { ["name"] = "missing" }),
        ["sandboxes/{name} Pull"] = (HeraldActions.CatalogRead, "/sandboxes/matrix?handler=Pull", []),
        ["sandboxes/{name} Prefix"] = (HeraldActions.CatalogRead, "/sandboxes/matrix?handler=Prefix", new() { ["SegmentPrefix"] = "matrix-" }),
        ["sandboxes/{name} FullSends"] = (HeraldActions.SandboxAdmin, "/sandboxes/matrix?handler=FullSends", new() { ["allow"] = "false" }),
        ["sandboxes/{name} CopySecret"] = (HeraldActions.SandboxAdmin, "/sandboxes/matrix?handler=CopySecret", new() { ["credential"] = "missing" }),
        ["sandboxes/{name} Secret"] = (HeraldActions.CredentialEdit, "/sandboxes/matrix?handler=Secret", new() { ["credential"] = "missing", ["token"] = "a-token" }),
        ["sandboxes/{name} Run"] = (HeraldActions.RunStart, "/sandboxes/matrix?handler=Run", new() { ["orchestration"] = "missing" }),
        ["sandboxes/{name} Promote"] = (HeraldActions.SandboxAdmin, "/sandboxes/matrix?handler=Promote", []),
        ["sandboxes/{name} Apply"] = (HeraldActions.CatalogRead, "/sandboxes/matrix?handler=Apply", new() { ["dryRun"] = "true", ["Yaml"] = "version: 1" }),
    };

    public static readonly TheoryData<string, bool> Callers = new()
    {
        { "Administrator", false },
        { "Operator", false },
        { "User", false },
        { "Viewer", false },
        { "Operator", true },
    };

    private HeraldHarness _harness = null!;

    private Guid _run;

    public async Task InitializeAsync()
    {
        _harness = await HeraldHarness.StartAsync(settings: Herald.Tests.Alerts.AlertHarness.LoopbackSettings);
        var destination = await _harness.Api.AddDestinationAsync("matrix", (await _harness.Api.AddCredentialAsync("matrix")).Name, "Matrix");
        (await _harness.Api.Http.PostAsJsonAsync("/api/orchestrations", new Herald.Server.Api.OrchestrationInput("matrix", destination.Name, "SELECT 'a@example.com' AS email")))
            .StatusCode.ShouldBe(HttpStatusCode.Created);
        await HeraldApi.ReadAsync<System.Text.Json.JsonElement>(await _harness.Api.Http.PostAsJsonAsync("/api/alerts",
            new Herald.Server.Api.AlertInput("matrix", null, null, ["run-failed"], null, "webhook", Url: "http://127.0.0.1:9/hook", SigningSecret: Herald.Tests.Alerts.AlertHarness.SigningSecret)), HttpStatusCode.Created);
        _run = (await _harness.Api.SendAndWaitAsync(destination.Name, "SELECT 'a@example.com' AS email")).Id;
        (await _harness.Api.Http.PostAsJsonAsync("/api/segments", new Herald.Server.Api.SegmentInput("matrix", "SELECT amperity_id FROM Customer_360 LIMIT 5")))
            .StatusCode.ShouldBe(HttpStatusCode.Created);
        (await _harness.Api.Http.PostAsJsonAsync("/api/sandboxes", new Herald.Server.Api.SandboxInput("matrix"))).StatusCode.ShouldBe(HttpStatusCode.Created);
    }

    public async Task DisposeAsync() => await _harness.DisposeAsync();

    [Fact]
    public async Task EveryPagePostHandler_HasAnActionRule()
    {
        var handlers = await PagePostHandlersAsync();

        handlers.ShouldContain("credentials/new");
        handlers.Where(h => !Rules.ContainsKey(h)).ShouldBeEmpty($"Page handlers without a row in {nameof(PageActionMatrixTests)}: give each the action it asks.");
        Rules.Keys.Where(k => !handlers.Contains(k)).ShouldBeEmpty("Rows for page handlers the server no longer has.");
    }

    [Theory]
    [MemberData(nameof(Callers))]
    public async Task EveryPagePostHandler_AllowsOrRefusesThePolicy_AsItsActionSays(string policy, bool restrictPii)
    {
        var name = $"page-{policy.ToLowerInvariant()}{(restrictPii ? "-restricted" : "")}";
        (await _harness.Api.Http.PostAsJsonAsync("/api/users", new Herald.Server.Api.UserInput(name, Password, [policy], restrictPii)))
            .StatusCode.ShouldBe(HttpStatusCode.Created);
        var grant = Grant.Of([policy], restrictPii, false);
        var answers = new List<string>();

        foreach (var handler in await PagePostHandlersAsync())
        {
            var (action, path, form) = Rules[handler];
            if (action is Public)
            {
                continue;
            }
            using var browser = new UiClient(_harness.Herald.BaseUrl);
            (await browser.SignInWithPasswordAsync(name, Password)).StatusCode.ShouldBe(HttpStatusCode.Redirect);
            using var response = await browser.PostFormAsync("/", path.Replace("RUN", _run.ToString()), form);
            var text = await response.Content.ReadAsStringAsync();
            if (response.StatusCode == HttpStatusCode.Redirect && response.Headers.Location is { } location)
            {
                // A page that redirects says what happened on the page it redirects to (TempData).
                using var followed = await browser.Http.GetAsync(location);
                text = await followed.Content.ReadAsStringAsync();
            }
            var refused = response.StatusCode == HttpStatusCode.Forbidden || text.Contains("may not do", StringComparison.Ordinal);
            var missing = action is Anyone ? null : action.Split('+').FirstOrDefault(a => !grant.Allows(a));
            if (missing is not null)
            {
                answers.Add(refused && text.Contains(missing, StringComparison.Ordinal)
                    ? "" : $"{handler}: expected a refusal naming {missing}, got {(int)response.StatusCode} {Excerpt(text)}");
            }
            else
            {
                answers.Add(refused || response.StatusCode == HttpStatusCode.BadRequest && text.Length == 0
                    ? $"{handler}: expected to be allowed, got {(int)response.StatusCode} {Excerpt(text)}" : "");
            }
        }

        answers.Where(a => a.Length > 0).ShouldBeEmpty();
        (await _harness.Api.Http.GetAsync("/api/alerts/matrix")).StatusCode
            .ShouldBe(grant.Allows(HeraldActions.AlertEdit) ? HttpStatusCode.NotFound : HttpStatusCode.OK, "the alert is deleted only by a caller with alert:edit");
        (await _harness.Api.Http.GetAsync("/api/orchestrations/matrix")).StatusCode
            .ShouldBe(grant.Allows(HeraldActions.OrchestrationEdit) ? HttpStatusCode.NotFound : HttpStatusCode.OK, "the orchestration is deleted only by a caller with orchestration:edit");
        (await _harness.Api.Http.GetAsync("/api/segments/matrix")).StatusCode
            .ShouldBe(grant.Allows(HeraldActions.SegmentEdit) ? HttpStatusCode.NotFound : HttpStatusCode.OK, "the segment is removed only by a caller with segment:edit");
        (await _harness.Api.Http.GetFromJsonAsync<Herald.Server.Api.SandboxView[]>("/api/sandboxes"))!.Single(s => s.Name == "matrix").SegmentPrefix
            .ShouldBe(policy == "Administrator" ? "matrix-" : "sandbox-matrix-", "only the sandbox's owner or a sandbox administrator changes it");
    }

    [Fact]
    public async Task PagesOfAViewer_OfferNoFormItsPoliciesRefuse()
    {
        (await _harness.Api.Http.PostAsJsonAsync("/api/users", new Herald.Server.Api.UserInput("page-offers", Password, ["Viewer"])))
            .StatusCode.ShouldBe(HttpStatusCode.Created);
        using var browser = new UiClient(_harness.Herald.BaseUrl);
        (await browser.SignInWithPasswordAsync("page-offers", Password)).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var offered = new List<string>();

        foreach (var page in new[] { "/alerts", "/alerts/matrix", "/orchestrations", "/orchestrations/matrix", $"/runs/{_run}", "/destinations", "/credentials", "/bridges" })
        {
            var html = await browser.Http.GetStringAsync(page);
            // A Viewer may do nothing but read: the only form a page may offer it is signing out.
            offered.AddRange(System.Text.RegularExpressions.Regex.Matches(html, "<form[^>]*method=\"post\"[^>]*>")
                .Select(m => m.Value).Where(form => !form.Contains("/signout", StringComparison.Ordinal)).Select(form => $"{page}: {form}"));
        }

        offered.ShouldBeEmpty("a page offers a Viewer a form its policies refuse");
    }

    private static string Excerpt(string text) => text.Length > 400 ? text[..400] : text;

    // Each compiled page's POST handlers, as "route" or "route Handler".
    private async Task<List<string>> PagePostHandlersAsync()
    {
        var loader = _harness.Herald.Services.GetRequiredService<PageLoader>();
        var pages = _harness.Herald.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Select(e => (Endpoint: e, Page: e.Metadata.GetMetadata<PageActionDescriptor>()))
            .Where(p => p.Page is not null)
            .DistinctBy(p => p.Page!.Id);
        var handlers = new List<string>();
        foreach (var (endpoint, page) in pages)
        {
            var compiled = await loader.LoadAsync(page!, endpoint.Metadata);
            handlers.AddRange(compiled.HandlerMethods
                .Where(h => string.Equals(h.HttpMethod, HttpMethods.Post, StringComparison.OrdinalIgnoreCase))
                .Select(h => h.Name is null ? endpoint.RoutePattern.RawText! : $"{endpoint.RoutePattern.RawText} {h.Name}"));
        }
        return handlers.Distinct().Order(StringComparer.Ordinal).ToList();
    }
}
