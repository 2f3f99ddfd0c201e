using System.Net;
using System.Net.Http.Json;
using Herald.Application.Access;
using Herald.Server.Api;
using Herald.Tests.Support;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Herald.Tests.Security;

/// <summary>
/// Every API endpoint × every standard policy (and Restrict PII access), through HTTP: a caller whose policies lack
/// the endpoint's action gets 403 with a sentence naming it; a caller that has it is never refused for access. The
/// endpoints are those the running server has mapped, so an endpoint added without a rule here fails the test.
/// </summary>
public sealed class AccessMatrixTests : IAsyncLifetime
{
    private const string Anyone = "(any signed-in user)";
    private const string Anonymous = "(no key needed)";
    private static readonly string Missing = Guid.NewGuid().ToString();

    // What each endpoint asks, and a request for it that binds (so that access, not the body, decides the answer).
    private static readonly Dictionary<string, (string Action, string Path, object? Body)> Rules = new()
    {
        ["GET /api/health"] = (Anonymous, "/api/health", null),
        ["GET /api/credentials/"] = (HeraldActions.CatalogRead, "/api/credentials", null),
        ["GET /api/credentials/{key}"] = (HeraldActions.CatalogRead, "/api/credentials/missing", null),
        ["POST /api/credentials/"] = (HeraldActions.CredentialEdit, "/api/credentials", new CredentialInput("", "insiderone", "", "", null)),
        ["PUT /api/credentials/{key}"] = (HeraldActions.CredentialEdit, "/api/credentials/missing", new CredentialUpdate(null, null, null)),
        ["DELETE /api/credentials/{key}"] = (HeraldActions.CredentialEdit, "/api/credentials/missing", null),
        ["GET /api/credentials/requests"] = (HeraldActions.CatalogRead, "/api/credentials/requests", null),
        ["POST /api/credentials/requests"] = (HeraldActions.CredentialEdit, "/api/credentials/requests", new HandoverRequestInput("", "insiderone", 0)),
        ["GET /api/destinations/"] = (HeraldActions.CatalogRead, "/api/destinations", null),
        ["GET /api/destinations/{key}"] = (HeraldActions.CatalogRead, "/api/destinations/missing", null),
        ["POST /api/destinations/"] = (HeraldActions.DestinationEdit, "/api/destinations", new DestinationInput("", "missing", "", "email", null, SkipConnectionTest: true)),
        ["PUT /api/destinations/{key}"] = (HeraldActions.DestinationEdit, "/api/destinations/missing", new { }),
        ["DELETE /api/destinations/{key}"] = (HeraldActions.DestinationEdit, "/api/destinations/missing", null),
        ["GET /api/orchestrations/"] = (HeraldActions.CatalogRead, "/api/orchestrations", null),
        ["GET /api/orchestrations/{key}"] = (HeraldActions.CatalogRead, "/api/orchestrations/missing", null),
        ["POST /api/orchestrations/"] = (HeraldActions.OrchestrationEdit, "/api/orchestrations", new OrchestrationInput("", "missing", "SELECT 1")),
        ["PUT /api/orchestrations/{key}"] = (HeraldActions.OrchestrationEdit, "/api/orchestrations/missing", new OrchestrationUpdate(null, null, null, null)),
        ["DELETE /api/orchestrations/{key}"] = (HeraldActions.OrchestrationEdit, "/api/orchestrations/missing", null),
        ["POST /api/orchestrations/{key}/runs"] = (HeraldActions.RunStart, "/api/orchestrations/missing/runs", new RunRequest()),
        ["POST /api/orchestrations/{key}/test-sends"] = (HeraldActions.RunSend, "/api/orchestrations/missing/test-sends", new TestSendRequest("Test", 10)),
        ["GET /api/segments/"] = (HeraldActions.CatalogRead, "/api/segments", null),
        ["GET /api/segments/{key}"] = (HeraldActions.CatalogRead, "/api/segments/missing", null),
        ["POST /api/segments/"] = (HeraldActions.SegmentEdit, "/api/segments", new SegmentInput("", "")),
        ["PUT /api/segments/{key}"] = (HeraldActions.SegmentEdit, "/api/segments/missing", new SegmentUpdate(null, null)),
        ["DELETE /api/segments/{key}"] = (HeraldActions.SegmentEdit, "/api/segments/missing", null),
        ["POST /api/segments/{key}/preview"] = (HeraldActions.QueryPreview, "/api/segments/missing/preview", new SegmentPreviewRequest()),
        ["POST /api/segments/preview"] = (HeraldActions.QueryPreview, "/api/segments/preview", new SegmentPreviewRequest("")),
        ["GET /api/orchestrations/{key}/schedule/"] = (HeraldActions.CatalogRead, "/api/orchestrations/missing/schedule", null),
        ["PUT /api/orchestrations/{key}/schedule/"] = (HeraldActions.OrchestrationEdit, "/api/orchestrations/missing/schedule", new ScheduleInput(Manual: true)),
        ["POST /api/orchestrations/{key}/schedule/pause"] = (HeraldActions.OrchestrationEdit, "/api/orchestrations/missing/schedule/pause", null),
        ["POST /api/orchestrations/{key}/schedule/resume"] = (HeraldActions.OrchestrationEdit, "/api/orchestrations/missing/schedule/resume", null),
        ["GET /api/bridges/{key}/schedule/"] = (HeraldActions.CatalogRead, "/api/bridges/missing/schedule", null),
        ["PUT /api/bridges/{key}/schedule/"] = (HeraldActions.BridgeEdit, "/api/bridges/missing/schedule", new ScheduleInput(Manual: true)),
        ["POST /api/bridges/{key}/schedule/pause"] = (HeraldActions.BridgeEdit, "/api/bridges/missing/schedule/pause", null),
        ["POST /api/bridges/{key}/schedule/resume"] = (HeraldActions.BridgeEdit, "/api/bridges/missing/schedule/resume", null),
        ["GET /api/alerts/"] = (HeraldActions.CatalogRead, "/api/alerts", null),
        ["GET /api/alerts/{key}"] = (HeraldActions.CatalogRead, "/api/alerts/missing", null),
        ["POST /api/alerts/"] = (HeraldActions.AlertEdit, "/api/alerts", new { name = "" }),
        ["DELETE /api/alerts/{key}"] = (HeraldActions.AlertEdit, "/api/alerts/missing", null),
        ["POST /api/alerts/{key}/test"] = (HeraldActions.AlertEdit, "/api/alerts/missing/test", null),
        ["GET /api/bridges/"] = (HeraldActions.CatalogRead, "/api/bridges", null),
        ["GET /api/bridges/{key}"] = (HeraldActions.CatalogRead, "/api/bridges/missing", null),
        ["POST /api/bridges/"] = (HeraldActions.BridgeEdit, "/api/bridges", new { name = "" }),
        ["PUT /api/bridges/{key}"] = (HeraldActions.BridgeEdit, "/api/bridges/missing", new { }),
        ["DELETE /api/bridges/{key}"] = (HeraldActions.BridgeEdit, "/api/bridges/missing", null),
        ["POST /api/bridges/{key}/syncs"] = (HeraldActions.RunStart, "/api/bridges/missing/syncs", new SyncRequest()),
        ["GET /api/syncs/"] = (HeraldActions.RunRead, "/api/syncs", null),
        ["GET /api/syncs/{id}"] = (HeraldActions.RunRead, $"/api/syncs/{Missing}", null),
        ["POST /api/sends"] = (HeraldActions.RunSend, "/api/sends", new SendRequest("missing", "SELECT 1")),
        ["POST /api/queries/preview"] = (HeraldActions.QueryPreview, "/api/queries/preview", new { query = "" }),
        ["GET /api/source/schema"] = (HeraldActions.CatalogRead, "/api/source/schema", null),
        ["GET /api/runs/"] = (HeraldActions.RunRead, "/api/runs", null),
        ["GET /api/runs/{id}"] = (HeraldActions.RunRead, $"/api/runs/{Missing}", null),
        ["GET /api/runs/{id}/diff-sample"] = (HeraldActions.RunRead, $"/api/runs/{Missing}/diff-sample", null),
        ["POST /api/runs/{id}/cancel"] = (HeraldActions.RunCancel, $"/api/runs/{Missing}/cancel", null),
        ["GET /api/audit"] = (HeraldActions.AuditRead, "/api/audit", null),
        ["GET /api/pii-columns"] = (HeraldActions.CatalogRead, "/api/pii-columns", null),
        // The file's edit actions depend on what it changes: a dry run of a file that changes nothing asks catalog:read only (JSON is YAML).
        ["GET /api/config/"] = (HeraldActions.CatalogRead, "/api/config", null),
        ["POST /api/config/apply"] = (HeraldActions.CatalogRead, "/api/config/apply?dryRun=true", new { version = 1 }),
        // Anyone who reads the catalog may work in a sandbox of their own; promoting and deleting one is sandbox administration.
        ["GET /api/sandboxes/"] = (HeraldActions.CatalogRead, "/api/sandboxes", null),
        ["POST /api/sandboxes/"] = (HeraldActions.CatalogRead, "/api/sandboxes", new SandboxInput("")),
        ["GET /api/sandboxes/{name}"] = (HeraldActions.CatalogRead, "/api/sandboxes/missing", null),
        ["GET /api/sandboxes/{name}/config"] = (HeraldActions.CatalogRead, "/api/sandboxes/missing/config", null),
        ["POST /api/sandboxes/{name}/config/apply"] = (HeraldActions.CatalogRead, "/api/sandboxes/missing/config/apply?dryRun=true", new { version = 1 }),
        ["POST /api/sandboxes/{name}/pull"] = (HeraldActions.CatalogRead, "/api/sandboxes/missing/pull", new PullInput()),
        ["POST /api/sandboxes/{name}/promote"] = (HeraldActions.SandboxAdmin, "/api/sandboxes/missing/promote", new PromoteInput("a message")),
        ["DELETE /api/sandboxes/{name}"] = (HeraldActions.SandboxAdmin, "/api/sandboxes/missing", null),
        // A run in a sandbox is a run; allowing it full sends, and copying production's secret into it, are sandbox administration.
        ["POST /api/sandboxes/{name}/orchestrations/{orchestration}/runs"] = (HeraldActions.RunStart, "/api/sandboxes/missing/orchestrations/missing/runs", new { }),
        ["PATCH /api/sandboxes/{name}/settings"] = (HeraldActions.SandboxAdmin, "/api/sandboxes/missing/settings", new SandboxSettingsInput(AllowFullSends: true)),
        ["POST /api/sandboxes/{name}/credentials/{credential}/copy-secret"] = (HeraldActions.SandboxAdmin, "/api/sandboxes/missing/credentials/missing/copy-secret", new { }),
        ["PUT /api/sandboxes/{name}/credentials/{credential}/secret"] = (HeraldActions.CredentialEdit, "/api/sandboxes/missing/credentials/missing/secret",
            new SandboxSecretInput("a-token")),
        ["GET /api/me"] = (Anyone, "/api/me", null),
        ["GET /api/users/"] = (HeraldActions.UserAdmin, "/api/users", null),
        ["POST /api/users/"] = (HeraldActions.UserAdmin, "/api/users", new UserInput("", null, [])),
        ["POST /api/users/{name}/disable"] = (HeraldActions.UserAdmin, "/api/users/missing/disable", null),
        ["POST /api/users/{name}/enable"] = (HeraldActions.UserAdmin, "/api/users/missing/enable", null),
        ["GET /api/apikeys/"] = (Anyone, "/api/apikeys", null),
        ["POST /api/apikeys/"] = (Anyone, "/api/apikeys", new ApiKeyInput("", null)),
        ["DELETE /api/apikeys/{id}"] = (Anyone, $"/api/apikeys/{Missing}", null),
        // The caller's own account: never another user's, so no action is needed and none refused.
        ["GET /api/me/keys"] = (Anyone, "/api/me/keys", null),
        ["POST /api/me/keys"] = (Anyone, "/api/me/keys", new OwnApiKeyInput("")),
        ["DELETE /api/me/keys/{id}"] = (Anyone, $"/api/me/keys/{Missing}", null),
        ["POST /api/me/password"] = (Anyone, "/api/me/password", new PasswordChangeInput(null, null)),
    };

    public static readonly TheoryData<string, bool> Callers = new()
    {
        { "Administrator", false },
        { "Operator", false },
        { "User", false },
        { "Viewer", false },
        { "User", true },
        { "Viewer", true },
    };

    private HeraldHarness _harness = null!;

    public async Task InitializeAsync() => _harness = await HeraldHarness.StartAsync();

    public async Task DisposeAsync() => await _harness.DisposeAsync();

    [Fact]
    public void EveryApiEndpoint_HasAnAccessRule()
    {
        var endpoints = ApiEndpoints().ToList();
        var unruled = endpoints.Where(e => RuleFor(e) is null).ToList();

        endpoints.ShouldContain("POST /api/credentials/");
        endpoints.Count(e => !IsReference(e)).ShouldBe(Rules.Count);
        unruled.ShouldBeEmpty($"Endpoints without a rule in {nameof(AccessMatrixTests)}: give each the action it asks.");
    }

    [Theory]
    [MemberData(nameof(Callers))]
    public async Task EveryApiEndpoint_AllowsOrRefusesThePolicy_AsItsActionSays(string policy, bool restrictPii)
    {
        var name = $"{policy.ToLowerInvariant()}{(restrictPii ? "-restricted" : "")}";
        using var http = await ClientForNewUserAsync(name, policy, restrictPii);
        var grant = Grant.Of([policy], restrictPii, false);
        var answers = new List<string>();

        foreach (var endpoint in ApiEndpoints())
        {
            var (action, path, body) = RuleFor(endpoint)!.Value;
            var method = new HttpMethod(endpoint[..endpoint.IndexOf(' ')]);
            using var request = new HttpRequestMessage(method, path) { Content = body is null ? null : JsonContent.Create(body, body.GetType()) };
            using var response = await http.SendAsync(request);
            // Previews and diff samples answer a caller without pii:view too, with the PII values hidden (PiiRedactionTests).
            var missing = action is not (Anyone or Anonymous) && !grant.Allows(action) ? action : null;
            var text = await response.Content.ReadAsStringAsync();
            if (missing is not null)
            {
                answers.Add(response.StatusCode == HttpStatusCode.Forbidden && text.Contains(missing, StringComparison.Ordinal) && text.Contains($"'{name}'", StringComparison.Ordinal)
                    ? "" : $"{endpoint}: expected 403 naming {missing}, got {(int)response.StatusCode} {text}");
            }
            else
            {
                answers.Add(response.StatusCode is HttpStatusCode.Forbidden or HttpStatusCode.Unauthorized
                    ? $"{endpoint}: expected to be allowed, got {(int)response.StatusCode} {text}" : "");
            }
        }

        answers.Where(a => a.Length > 0).ShouldBeEmpty();
    }

    [Fact]
    public async Task Viewer_AddingACredential_Gets403NamingTheMissingAction_AndNothingIsSaved()
    {
        using var viewer = await ClientForNewUserAsync("vera", "Viewer", restrictPii: false);

        var response = await viewer.PostAsJsonAsync("/api/credentials", new CredentialInput("viewers-own", "insiderone", "herald-demo", "a-token", null));

        response.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        var error = await response.Content.ReadFromJsonAsync<ApiProblem>(HeraldApi.Json);
        error!.Detail.ShouldBe("'vera' may not do credential:edit (add, change and remove credentials): the policies Viewer do not allow it. Ask an administrator for a policy that does.");
        (await _harness.Api.Http.GetAsync("/api/credentials/viewers-own")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task User_AddingABridge_Gets403NamingBridgeEdit_NothingIsSaved_AndTheRefusalIsAudited()
    {
        using var user = await ClientForNewUserAsync("ulla", "User", restrictPii: false);

        var response = await user.PostAsJsonAsync("/api/bridges", new BridgeInput("users-own", "folder", Folder: "users-own",
            Tables: [new BridgeTableInput("insider_users")]));

        response.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await response.Content.ReadFromJsonAsync<ApiProblem>(HeraldApi.Json))!.Detail!.ShouldContain("bridge:edit");
        (await _harness.Api.Http.GetAsync("/api/bridges/users-own")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        var audited = (await _harness.Api.Http.GetFromJsonAsync<Herald.Core.Access.AuditEntry[]>("/api/audit?actor=ulla", HeraldApi.Json))!.ShouldHaveSingleItem();
        (audited.Action, audited.Operation, audited.Subject, audited.Outcome).ShouldBe((HeraldActions.BridgeEdit, "add bridge", "users-own", "forbidden"));
    }

    // The API's reference page and its assets are served to anyone (ApiDocument.ReferencePath): they hold no data.
    private static bool IsReference(string endpoint) => endpoint.StartsWith($"GET {ApiDocument.ReferencePath}", StringComparison.Ordinal);

    private static (string Action, string Path, object? Body)? RuleFor(string endpoint) =>
        Rules.TryGetValue(endpoint, out var rule) ? rule : IsReference(endpoint) ? (Anonymous, ApiDocument.ReferencePath, null) : null;

    private IEnumerable<string> ApiEndpoints() =>
        _harness.Herald.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText?.StartsWith("/api/", StringComparison.Ordinal) == true)
            .SelectMany(e => (e.Metadata.GetMetadata<Microsoft.AspNetCore.Routing.HttpMethodMetadata>()?.HttpMethods ?? ["ANY"]).Select(m => $"{m} {e.RoutePattern.RawText}"))
            .Distinct()
            .Order(StringComparer.Ordinal);

    private Task<HttpClient> ClientForNewUserAsync(string name, string policy, bool restrictPii) =>
        _harness.Api.ClientForNewUserAsync(name, policy, restrictPii);
}
