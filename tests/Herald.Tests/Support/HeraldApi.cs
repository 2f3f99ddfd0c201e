using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Herald.Server.Api;
using Herald.Tests.Shared;

namespace Herald.Tests.Support;

/// <summary>Herald's REST API as a test speaks it: real HTTP on loopback with the API key.</summary>
public sealed class HeraldApi(Uri baseUrl, string apiKey) : IDisposable
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>More to say when a wait times out (the simulator's view of things).</summary>
    public Func<string>? Diagnostics { get; set; }

    public HttpClient Http { get; } = new() { BaseAddress = baseUrl, DefaultRequestHeaders = { { "X-Herald-Api-Key", apiKey } } };

    /// <summary>Adds a user with one policy, and a password when given (user:admin: the harness's key is the administrator's).</summary>
    public async Task AddUserAsync(string name, string policy, string? password = null) =>
        (await Http.PostAsJsonAsync("/api/users", new UserInput(name, password, [policy]))).StatusCode.ShouldBe(HttpStatusCode.Created, $"the user {name} is added");

    /// <summary>Makes a key for <paramref name="user"/>, as an administrator does.</summary>
    public async Task<NewApiKeyView> MakeKeyAsync(string user, string name) =>
        await ReadAsync<NewApiKeyView>(await Http.PostAsJsonAsync("/api/apikeys", new ApiKeyInput(name, user)), HttpStatusCode.Created);

    /// <summary>A client of the same server calling with another key (another user's).</summary>
    public HttpClient ClientWith(string key) => new() { BaseAddress = baseUrl, DefaultRequestHeaders = { { "X-Herald-Api-Key", key } } };

    public async Task<CredentialView> AddCredentialAsync(string name, string partnerName = "herald-demo", string token = "demo-token")
    {
        var response = await Http.PostAsJsonAsync("/api/credentials", new CredentialInput(name, "insiderone", partnerName, token, null));
        return await ReadAsync<CredentialView>(response, HttpStatusCode.Created);
    }

    /// <summary>A destination saved without a connection test: the tests that use it set Insider One up to fail on purpose, later.</summary>
    public async Task<DestinationView> AddDestinationAsync(string name, string credential, string segmentName, string attributeName = "email")
    {
        var response = await Http.PostAsJsonAsync("/api/destinations", new DestinationInput(name, credential, segmentName, attributeName, null, SkipConnectionTest: true));
        return await ReadAsync<DestinationView>(response, HttpStatusCode.Created);
    }

    /// <summary>A credential and a destination with names unique to the calling test.</summary>
    public async Task<DestinationView> AddDestinationWithCredentialAsync(string segmentName, string attributeName = "email", string token = "demo-token", string partnerName = "herald-demo")
    {
        var suffix = Guid.NewGuid().ToString("N")[..8];
        await AddCredentialAsync($"cred-{suffix}", partnerName, token);
        return await AddDestinationAsync($"dest-{suffix}", $"cred-{suffix}", segmentName, attributeName);
    }

    public async Task<RunView> SendAsync(string destination, string query, bool allowEmpty = false, string? segmentName = null, bool force = false)
    {
        var response = await Http.PostAsJsonAsync("/api/sends", new SendRequest(destination, query, allowEmpty, segmentName, Force: force));
        return await ReadAsync<RunView>(response, HttpStatusCode.Accepted);
    }

    public async Task<RunView> GetRunAsync(Guid id) =>
        (await Http.GetFromJsonAsync<RunView>($"/api/runs/{id}", Json))!;

    /// <summary>Polls until the run is final (or reaches the given state), failing the test after the timeout.</summary>
    public Task<RunView> WaitForAsync(Guid id, string? state = null, TimeSpan? timeout = null) =>
        Eventually.ValueAsync(
            () => GetRunAsync(id),
            run => state is null ? run.IsFinal : run.State == state || (run.IsFinal && run.State != state),
            run => $"but run {id} is still {run.State}: {run.Reason}{Diagnostics?.Invoke()}",
            timeout, poll: TimeSpan.FromMilliseconds(50));

    /// <summary>
    /// Polls until the run's recorded calls hold what <paramref name="done"/> wants: a report's call is written just after
    /// the state the report moved the run to, so a run already final may not list its last callback yet.
    /// </summary>
    public Task<RunView> WaitForCallsAsync(Guid id, Func<IReadOnlyList<RunCallView>, bool> done, string what) =>
        Eventually.ValueAsync(
            () => GetRunAsync(id),
            run => done(run.Calls),
            run => $"but run {id} does not record {what}: it has {string.Join(", ", run.Calls.Select(c => $"{c.Operation} {c.Outcome}"))}",
            poll: TimeSpan.FromMilliseconds(50));

    public async Task<RunView> SendAndWaitAsync(string destination, string query, bool allowEmpty = false, bool force = false) =>
        await WaitForAsync((await SendAsync(destination, query, allowEmpty, force: force)).Id);

    public static async Task<T> ReadAsync<T>(HttpResponseMessage response, HttpStatusCode expected)
    {
        var body = await response.Content.ReadAsStringAsync();
        response.StatusCode.ShouldBe(expected, body);
        return JsonSerializer.Deserialize<T>(body, Json)!;
    }

    /// <summary>Adds a user with one policy (and Restrict PII access when asked) and an API key of theirs: a client that calls as them.</summary>
    public async Task<HttpClient> ClientForNewUserAsync(string name, string policy, bool restrictPii)
    {
        (await Http.PostAsJsonAsync("/api/users", new UserInput(name, null, [policy], restrictPii))).StatusCode.ShouldBe(HttpStatusCode.Created);
        var made = await ReadAsync<NewApiKeyView>(await Http.PostAsJsonAsync("/api/apikeys", new ApiKeyInput("tests", name)), HttpStatusCode.Created);
        return new HttpClient { BaseAddress = Http.BaseAddress, DefaultRequestHeaders = { { "X-Herald-Api-Key", made.Key } } };
    }

    public void Dispose() => Http.Dispose();
}
