// Over 250 lines on purpose: the one typed client for every API endpoint the CLI calls, one short method per endpoint,
// so that the error reading and authentication live in one place.
using Herald.Application.Access;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Herald.Server.Api;

namespace Herald.Cli.Client;

/// <summary>
/// Herald's REST API as typed calls. Every command, and the demo, goes through it, so that the CLI
/// exercises the same API as any other client.
/// </summary>
internal sealed class HeraldApiClient : IDisposable
{
    public const string ApiKeyHeader = "X-Herald-Api-Key";

    private static readonly TimeSpan RequestTimeout = TimeSpan.FromSeconds(100);

    private readonly HttpClient http;

    public HeraldApiClient(Uri serverUrl, string? apiKey)
    {
        // A trailing slash keeps a path prefix (a server behind a proxy at /herald) when relative paths are resolved.
        BaseUrl = serverUrl.AbsoluteUri.EndsWith('/') ? serverUrl : new Uri(serverUrl.AbsoluteUri + "/");
        http = new HttpClient { BaseAddress = BaseUrl, Timeout = Timeout.InfiniteTimeSpan };
        if (apiKey is not null)
        {
            http.DefaultRequestHeaders.Add(ApiKeyHeader, apiKey);
        }
    }

    public Uri BaseUrl { get; }

    public Task<IReadOnlyList<CredentialView>> ListCredentialsAsync(CancellationToken ct) =>
        SendAsync<IReadOnlyList<CredentialView>>(HttpMethod.Get, "api/credentials", ct);

    public Task<CredentialView> GetCredentialAsync(string nameOrId, CancellationToken ct) =>
        SendAsync<CredentialView>(HttpMethod.Get, $"api/credentials/{Escape(nameOrId)}", ct);

    public Task<CredentialView> AddCredentialAsync(CredentialInput input, CancellationToken ct) =>
        SendAsync<CredentialInput, CredentialView>(HttpMethod.Post, "api/credentials", input, ct);

    public Task<HandoverRequestView> RequestCredentialAsync(HandoverRequestInput input, CancellationToken ct) =>
        SendAsync<HandoverRequestInput, HandoverRequestView>(HttpMethod.Post, "api/credentials/requests", input, ct);

    public Task<CredentialView> UpdateCredentialAsync(string nameOrId, CredentialUpdate update, CancellationToken ct) =>
        SendAsync<CredentialUpdate, CredentialView>(HttpMethod.Put, $"api/credentials/{Escape(nameOrId)}", update, ct);

    public Task RemoveCredentialAsync(string nameOrId, CancellationToken ct) =>
        SendAsync(HttpMethod.Delete, $"api/credentials/{Escape(nameOrId)}", ct);

    public Task<IReadOnlyList<DestinationView>> ListDestinationsAsync(CancellationToken ct) =>
        SendAsync<IReadOnlyList<DestinationView>>(HttpMethod.Get, "api/destinations", ct);

    public Task<DestinationView> GetDestinationAsync(string nameOrId, CancellationToken ct) =>
        SendAsync<DestinationView>(HttpMethod.Get, $"api/destinations/{Escape(nameOrId)}", ct);

    public Task<DestinationView> AddDestinationAsync(DestinationInput input, CancellationToken ct) =>
        SendAsync<DestinationInput, DestinationView>(HttpMethod.Post, "api/destinations", input, ct);

    public Task<DestinationView> UpdateDestinationAsync(string nameOrId, DestinationUpdate update, CancellationToken ct) =>
        SendAsync<DestinationUpdate, DestinationView>(HttpMethod.Put, $"api/destinations/{Escape(nameOrId)}", update, ct);

    public Task RemoveDestinationAsync(string nameOrId, CancellationToken ct) =>
        SendAsync(HttpMethod.Delete, $"api/destinations/{Escape(nameOrId)}", ct);

    public Task<IReadOnlyList<OrchestrationView>> ListOrchestrationsAsync(CancellationToken ct) =>
        SendAsync<IReadOnlyList<OrchestrationView>>(HttpMethod.Get, "api/orchestrations", ct);

    public Task<OrchestrationView> GetOrchestrationAsync(string nameOrId, CancellationToken ct) =>
        SendAsync<OrchestrationView>(HttpMethod.Get, $"api/orchestrations/{Escape(nameOrId)}", ct);

    public Task<OrchestrationView> AddOrchestrationAsync(OrchestrationInput input, CancellationToken ct) =>
        SendAsync<OrchestrationInput, OrchestrationView>(HttpMethod.Post, "api/orchestrations", input, ct);

    public Task<OrchestrationView> UpdateOrchestrationAsync(string nameOrId, OrchestrationUpdate update, CancellationToken ct) =>
        SendAsync<OrchestrationUpdate, OrchestrationView>(HttpMethod.Put, $"api/orchestrations/{Escape(nameOrId)}", update, ct);

    public Task RemoveOrchestrationAsync(string nameOrId, CancellationToken ct) =>
        SendAsync(HttpMethod.Delete, $"api/orchestrations/{Escape(nameOrId)}", ct);

    public Task<IReadOnlyList<SegmentView>> ListSegmentsAsync(CancellationToken ct) =>
        SendAsync<IReadOnlyList<SegmentView>>(HttpMethod.Get, "api/segments", ct);

    public Task<SegmentView> GetSegmentAsync(string nameOrId, CancellationToken ct) =>
        SendAsync<SegmentView>(HttpMethod.Get, $"api/segments/{Escape(nameOrId)}", ct);

    public Task<SegmentView> AddSegmentAsync(SegmentInput input, CancellationToken ct) =>
        SendAsync<SegmentInput, SegmentView>(HttpMethod.Post, "api/segments", input, ct);

    public Task<SegmentView> UpdateSegmentAsync(string nameOrId, SegmentUpdate update, CancellationToken ct) =>
        SendAsync<SegmentUpdate, SegmentView>(HttpMethod.Put, $"api/segments/{Escape(nameOrId)}", update, ct);

    public Task RemoveSegmentAsync(string nameOrId, CancellationToken ct) =>
        SendAsync(HttpMethod.Delete, $"api/segments/{Escape(nameOrId)}", ct);

    /// <summary>A saved segment's preview (<paramref name="nameOrId"/>), or of the request's SQL when null.</summary>
    public Task<SegmentPreviewView> PreviewSegmentAsync(string? nameOrId, SegmentPreviewRequest request, CancellationToken ct) =>
        SendAsync<SegmentPreviewRequest, SegmentPreviewView>(HttpMethod.Post, nameOrId is null ? "api/segments/preview" : $"api/segments/{Escape(nameOrId)}/preview", request, ct);

    public Task<IReadOnlyList<BridgeView>> ListBridgesAsync(CancellationToken ct) =>
        SendAsync<IReadOnlyList<BridgeView>>(HttpMethod.Get, "api/bridges", ct);

    public Task<BridgeDetailsView> GetBridgeAsync(string nameOrId, CancellationToken ct) =>
        SendAsync<BridgeDetailsView>(HttpMethod.Get, $"api/bridges/{Escape(nameOrId)}", ct);

    public Task<BridgeView> AddBridgeAsync(BridgeInput input, CancellationToken ct) =>
        SendAsync<BridgeInput, BridgeView>(HttpMethod.Post, "api/bridges", input, ct);

    public Task<BridgeView> UpdateBridgeAsync(string nameOrId, BridgeInput changes, CancellationToken ct) =>
        SendAsync<BridgeInput, BridgeView>(HttpMethod.Put, $"api/bridges/{Escape(nameOrId)}", changes, ct);

    public Task RemoveBridgeAsync(string nameOrId, CancellationToken ct) =>
        SendAsync(HttpMethod.Delete, $"api/bridges/{Escape(nameOrId)}", ct);

    public Task<SyncView> SyncBridgeAsync(string nameOrId, SyncRequest request, CancellationToken ct) =>
        SendAsync<SyncRequest, SyncView>(HttpMethod.Post, $"api/bridges/{Escape(nameOrId)}/syncs", request, ct);

    public Task<SyncView> GetSyncAsync(Guid id, CancellationToken ct) =>
        SendAsync<SyncView>(HttpMethod.Get, $"api/syncs/{id}", ct);

    public Task<RunView> RunOrchestrationAsync(string nameOrId, RunRequest request, CancellationToken ct) =>
        SendAsync<RunRequest, RunView>(HttpMethod.Post, $"api/orchestrations/{Escape(nameOrId)}/runs", request, ct);

    public Task<RunView> TestSendOrchestrationAsync(string nameOrId, TestSendRequest request, CancellationToken ct) =>
        SendAsync<TestSendRequest, RunView>(HttpMethod.Post, $"api/orchestrations/{Escape(nameOrId)}/test-sends", request, ct);

    /// <summary>The schedule of the orchestration or bridge <paramref name="name"/>; <paramref name="collection"/> is <c>orchestrations</c> or <c>bridges</c>.</summary>
    public Task<ScheduleView> GetScheduleAsync(string collection, string name, CancellationToken ct) =>
        SendAsync<ScheduleView>(HttpMethod.Get, $"api/{collection}/{Escape(name)}/schedule", ct);

    public Task<ScheduleView> SetScheduleAsync(string collection, string name, ScheduleInput input, CancellationToken ct) =>
        SendAsync<ScheduleInput, ScheduleView>(HttpMethod.Put, $"api/{collection}/{Escape(name)}/schedule", input, ct);

    /// <summary>Pauses (<paramref name="pause"/> true) or resumes an orchestration's or a bridge's schedule.</summary>
    public Task<ScheduleView> PauseScheduleAsync(string collection, string name, bool pause, CancellationToken ct) =>
        SendAsync<ScheduleView>(HttpMethod.Post, $"api/{collection}/{Escape(name)}/schedule/{(pause ? "pause" : "resume")}", ct);

    public Task<RunView> SendAsync(SendRequest request, CancellationToken ct) =>
        SendAsync<SendRequest, RunView>(HttpMethod.Post, "api/sends", request, ct);

    public Task<IReadOnlyList<RunSummary>> ListRunsAsync(RunFilter filter, CancellationToken ct) =>
        SendAsync<IReadOnlyList<RunSummary>>(HttpMethod.Get, "api/runs" + filter.ToQueryString(), ct);

    public Task<RunView> GetRunAsync(string id, CancellationToken ct) =>
        SendAsync<RunView>(HttpMethod.Get, $"api/runs/{Escape(id)}", ct);

    /// <summary>Cancels a run that has not finished; the server refuses (409) when it has.</summary>
    public Task<RunView> CancelRunAsync(string id, CancellationToken ct) =>
        SendAsync<RunView>(HttpMethod.Post, $"api/runs/{Escape(id)}/cancel", ct);

    public Task<IReadOnlyList<UserListing>> ListUsersAsync(CancellationToken ct) =>
        SendAsync<IReadOnlyList<UserListing>>(HttpMethod.Get, "api/users", ct);

    public Task<UserListing> AddUserAsync(UserInput input, CancellationToken ct) =>
        SendAsync<UserInput, UserListing>(HttpMethod.Post, "api/users", input, ct);

    public Task<PasswordChanged> ChangeOwnPasswordAsync(PasswordChangeInput input, CancellationToken ct) =>
        SendAsync<PasswordChangeInput, PasswordChanged>(HttpMethod.Post, "api/me/password", input, ct);

    public Task<UserListing> DisableUserAsync(string name, CancellationToken ct) =>
        SendAsync<UserListing>(HttpMethod.Post, $"api/users/{Escape(name)}/disable", ct);

    public Task<UserListing> EnableUserAsync(string name, CancellationToken ct) =>
        SendAsync<UserListing>(HttpMethod.Post, $"api/users/{Escape(name)}/enable", ct);

    public Task<IReadOnlyList<ApiKeyListing>> ListApiKeysAsync(string? user, CancellationToken ct) =>
        SendAsync<IReadOnlyList<ApiKeyListing>>(HttpMethod.Get, user is null ? "api/apikeys" : $"api/apikeys?user={Escape(user)}", ct);

    public Task<NewApiKeyView> CreateApiKeyAsync(ApiKeyInput input, CancellationToken ct) =>
        SendAsync<ApiKeyInput, NewApiKeyView>(HttpMethod.Post, "api/apikeys", input, ct);

    public Task<ApiKeyListing> RevokeApiKeyAsync(string id, CancellationToken ct) =>
        SendAsync<ApiKeyListing>(HttpMethod.Delete, $"api/apikeys/{Escape(id)}", ct);

    public Task<IReadOnlyList<Herald.Core.Access.AuditEntry>> ListAuditAsync(Herald.Core.Access.AuditQuery query, CancellationToken ct)
    {
        var filters = new Dictionary<string, string?>
        {
            ["since"] = query.Since?.ToString("O"), ["actor"] = query.Actor, ["action"] = query.Action, ["outcome"] = query.Outcome,
            ["limit"] = query.Limit.ToString(System.Globalization.CultureInfo.InvariantCulture),
        };
        var path = "api/audit?" + string.Join('&', filters.Where(f => f.Value is not null).Select(f => $"{f.Key}={Escape(f.Value!)}"));
        return SendAsync<IReadOnlyList<Herald.Core.Access.AuditEntry>>(HttpMethod.Get, path, ct);
    }

    public Task<QueryPreviewView> PreviewQueryAsync(QueryPreviewRequest request, CancellationToken ct) =>
        SendAsync<QueryPreviewRequest, QueryPreviewView>(HttpMethod.Post, "api/queries/preview", request, ct);

    public Task<IReadOnlyList<AlertView>> ListAlertsAsync(CancellationToken ct) =>
        SendAsync<IReadOnlyList<AlertView>>(HttpMethod.Get, "api/alerts", ct);

    public Task<AlertDetailsView> GetAlertAsync(string nameOrId, CancellationToken ct) =>
        SendAsync<AlertDetailsView>(HttpMethod.Get, $"api/alerts/{Escape(nameOrId)}", ct);

    public Task<AlertView> AddAlertAsync(AlertInput input, CancellationToken ct) =>
        SendAsync<AlertInput, AlertView>(HttpMethod.Post, "api/alerts", input, ct);

    public Task RemoveAlertAsync(string nameOrId, CancellationToken ct) =>
        SendAsync(HttpMethod.Delete, $"api/alerts/{Escape(nameOrId)}", ct);

    /// <summary>Queues a test alert through the rule's channel; its delivery shows in <c>herald alert show</c>.</summary>
    public Task<AlertDeliveryView> TestAlertAsync(string nameOrId, CancellationToken ct) =>
        SendAsync<AlertDeliveryView>(HttpMethod.Post, $"api/alerts/{Escape(nameOrId)}/test", ct);

    public async Task<string> ExportConfigurationAsync(string? sandbox, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, sandbox is null ? "api/config" : $"api/sandboxes/{Escape(sandbox)}/config");
        using var response = await SendCheckedAsync(request, ct);
        return await response.Content.ReadAsStringAsync(ct);
    }

    public async Task<ConfigurationAppliedView> ApplyConfigurationAsync(string yaml, string? sandbox, bool dryRun, CancellationToken ct)
    {
        var path = sandbox is null ? "api/config/apply" : $"api/sandboxes/{Escape(sandbox)}/config/apply";
        using var request = new HttpRequestMessage(HttpMethod.Post, $"{path}?dryRun={(dryRun ? "true" : "false")}")
        {
            Content = new StringContent(yaml, System.Text.Encoding.UTF8, "application/yaml"),
        };
        using var response = await SendCheckedAsync(request, ct);
        return await ReadAsync<ConfigurationAppliedView>(response, ct);
    }

    public Task<IReadOnlyList<SandboxView>> ListSandboxesAsync(CancellationToken ct) =>
        SendAsync<IReadOnlyList<SandboxView>>(HttpMethod.Get, "api/sandboxes", ct);

    public Task<SandboxView> CreateSandboxAsync(SandboxInput input, CancellationToken ct) =>
        SendAsync<SandboxInput, SandboxView>(HttpMethod.Post, "api/sandboxes", input, ct);

    public Task<SandboxReviewView> ReviewSandboxAsync(string name, CancellationToken ct) =>
        SendAsync<SandboxReviewView>(HttpMethod.Get, $"api/sandboxes/{Escape(name)}", ct);

    public Task<SandboxReviewView> PullSandboxAsync(string name, PullInput input, CancellationToken ct) =>
        SendAsync<PullInput, SandboxReviewView>(HttpMethod.Post, $"api/sandboxes/{Escape(name)}/pull", input, ct);

    public Task<ConfigurationAppliedView> PromoteSandboxAsync(string name, PromoteInput input, CancellationToken ct) =>
        SendAsync<PromoteInput, ConfigurationAppliedView>(HttpMethod.Post, $"api/sandboxes/{Escape(name)}/promote", input, ct);

    public Task<RunView> RunInSandboxAsync(string sandbox, string orchestration, CancellationToken ct) =>
        SendAsync<object, RunView>(HttpMethod.Post, $"api/sandboxes/{Escape(sandbox)}/orchestrations/{Escape(orchestration)}/runs", new { }, ct);

    public Task<SandboxView> ChangeSandboxAsync(string name, SandboxSettingsInput input, CancellationToken ct) =>
        SendAsync<SandboxSettingsInput, SandboxView>(HttpMethod.Patch, $"api/sandboxes/{Escape(name)}/settings", input, ct);

    public Task<SandboxView> CopySecretIntoSandboxAsync(string sandbox, string credential, CancellationToken ct) =>
        SendAsync<object, SandboxView>(HttpMethod.Post, $"api/sandboxes/{Escape(sandbox)}/credentials/{Escape(credential)}/copy-secret", new { }, ct);

    public Task<SandboxView> EnterSandboxSecretAsync(string sandbox, string credential, SandboxSecretInput input, CancellationToken ct) =>
        SendAsync<SandboxSecretInput, SandboxView>(HttpMethod.Put, $"api/sandboxes/{Escape(sandbox)}/credentials/{Escape(credential)}/secret", input, ct);

    public Task DeleteSandboxAsync(string name, CancellationToken ct) =>
        SendAsync(HttpMethod.Delete, $"api/sandboxes/{Escape(name)}", ct);

    public void Dispose() => http.Dispose();

    private static string Escape(string segment) => Uri.EscapeDataString(segment);

    private async Task SendAsync(HttpMethod method, string path, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(method, path);
        using var response = await SendCheckedAsync(request, ct);
    }

    private async Task<TResult> SendAsync<TResult>(HttpMethod method, string path, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(method, path);
        using var response = await SendCheckedAsync(request, ct);
        return await ReadAsync<TResult>(response, ct);
    }

    private async Task<TResult> SendAsync<TBody, TResult>(HttpMethod method, string path, TBody body, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(method, path) { Content = JsonContent.Create(body, options: CliJson.Wire) };
        using var response = await SendCheckedAsync(request, ct);
        return await ReadAsync<TResult>(response, ct);
    }

    private async Task<HttpResponseMessage> SendCheckedAsync(HttpRequestMessage request, CancellationToken ct)
    {
        HttpResponseMessage response;
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(RequestTimeout);
        try
        {
            response = await http.SendAsync(request, timeout.Token);
        }
        catch (HttpRequestException ex) when (ex.StatusCode is null)
        {
            throw new ServerUnreachableException(BaseUrl, ex.InnerException?.Message ?? ex.Message, ex);
        }
        catch (OperationCanceledException ex) when (!ct.IsCancellationRequested)
        {
            throw new ServerUnreachableException(BaseUrl, $"no answer within {RequestTimeout.TotalSeconds:0} seconds", ex);
        }

        if (!response.IsSuccessStatusCode)
        {
            using (response)
            {
                throw new HeraldApiException(response.StatusCode, await ReadErrorAsync(response, ct));
            }
        }
        return response;
    }

    private static async Task<ApiProblem> ReadErrorAsync(HttpResponseMessage response, CancellationToken ct)
    {
        var body = await response.Content.ReadAsStringAsync(ct);
        try
        {
            var error = JsonSerializer.Deserialize<ApiProblem>(body, CliJson.Wire);
            if (!string.IsNullOrWhiteSpace(error?.Detail))
            {
                return error;
            }
        }
        catch (JsonException)
        {
            // Not Herald's error shape (a proxy's page, an empty 401): fall through to the status line.
        }
        var status = $"{(int)response.StatusCode} {response.ReasonPhrase}";
        return new ApiProblem(null, response.ReasonPhrase, (int)response.StatusCode, response.StatusCode switch
        {
            HttpStatusCode.Unauthorized => $"{status}: the server refused the API key.",
            HttpStatusCode.NotFound => $"{status}: {response.RequestMessage?.RequestUri} does not exist on this server.",
            _ => string.IsNullOrWhiteSpace(body) ? status : $"{status}: {body.Trim()}",
        });
    }

    private async Task<T> ReadAsync<T>(HttpResponseMessage response, CancellationToken ct)
    {
        try
        {
            return await response.Content.ReadFromJsonAsync<T>(CliJson.Wire, ct)
                ?? throw new InvalidDataException($"The server at {BaseUrl} answered {response.RequestMessage?.RequestUri} with an empty body.");
        }
        catch (JsonException ex)
        {
            throw new InvalidDataException($"The server at {BaseUrl} answered {response.RequestMessage?.RequestUri} with JSON this CLI does not understand: {ex.Message}", ex);
        }
    }
}
