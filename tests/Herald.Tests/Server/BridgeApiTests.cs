using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Herald.Server.Api;
using Herald.Tests.Support;

namespace Herald.Tests.Server;

/// <summary>
/// Bridges and the snowflake credential through the REST API: the credential's key kept and never answered back, a
/// folder bridge synced and its sync followed at /api/syncs, hostile input refused with what to change.
/// </summary>
public sealed class BridgeApiTests : IAsyncLifetime
{
    private HeraldHarness _harness = null!;

    public async Task InitializeAsync() => _harness = await HeraldHarness.StartAsync();

    public async Task DisposeAsync() => await _harness.DisposeAsync();

    [Fact]
    public async Task SnowflakeCredential_IsSaved_AndItsKeyIsNeverAnsweredBack()
    {
        using var rsa = RSA.Create(2048);
        var key = rsa.ExportPkcs8PrivateKeyPem();

        var created = await _harness.Api.Http.PostAsJsonAsync("/api/credentials", new CredentialInput("sf", "snowflake", null, null, null,
            new JsonObject { ["accountIdentifier"] = "myorg-myaccount", ["user"] = "HERALD", ["role"] = "HERALD_ROLE", ["warehouse"] = "HERALD_WH" },
            new Dictionary<string, string> { ["private-key"] = key }));
        var listed = await _harness.Api.Http.GetStringAsync("/api/credentials");

        created.StatusCode.ShouldBe(HttpStatusCode.Created, await created.Content.ReadAsStringAsync());
        listed.ShouldContain("\"plugin\":\"snowflake\"");
        var keyLine = key.Split('\n')[1];
        (await created.Content.ReadAsStringAsync()).ShouldNotContain(keyLine);
        listed.ShouldNotContain(keyLine);
    }

    [Fact]
    public async Task SnowflakeCredential_WithAPublicKeyForThePrivateKey_IsRefusedNamingTheKey()
    {
        using var rsa = RSA.Create(2048);

        var refused = await _harness.Api.Http.PostAsJsonAsync("/api/credentials", new CredentialInput("sf-public", "snowflake", null, null, null,
            new JsonObject { ["accountIdentifier"] = "myorg-myaccount", ["user"] = "HERALD" },
            new Dictionary<string, string> { ["private-key"] = rsa.ExportSubjectPublicKeyInfoPem() }));

        refused.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await refused.Content.ReadAsStringAsync()).ShouldContain("private key");
    }

    [Fact]
    public async Task FolderBridge_IsSyncedThroughTheApi_AndItsSyncFollowed()
    {
        var created = await _harness.Api.Http.PostAsJsonAsync("/api/bridges", new BridgeInput("api-folder", "folder", Folder: "api-folder",
            Tables: [new BridgeTableInput("insider_users"), new BridgeTableInput("insider_events")]));
        var started = await _harness.Api.Http.PostAsJsonAsync("/api/bridges/api-folder/syncs", new SyncRequest());
        var sync = (await started.Content.ReadFromJsonAsync<SyncView>())!;
        for (var attempt = 0; attempt < 240 && sync.State is not ("succeeded" or "failed"); attempt++)
        {
            // The sync worker takes it up at once; the answer is read again until the sync is final.
            await Task.Delay(250);
            sync = (await _harness.Api.Http.GetFromJsonAsync<SyncView>($"/api/syncs/{sync.Id}"))!;
        }
        var details = await _harness.Api.Http.GetFromJsonAsync<BridgeDetailsView>("/api/bridges/api-folder");

        created.StatusCode.ShouldBe(HttpStatusCode.Created, await created.Content.ReadAsStringAsync());
        started.StatusCode.ShouldBe(HttpStatusCode.Accepted);
        sync.State.ShouldBe("succeeded", sync.Reason);
        sync.StartedBy.ShouldBe("admin");
        sync.Tables.Select(t => t.Table).ShouldBe(["insider_users", "insider_events"]);
        sync.Tables.ShouldAllBe(t => t.RowsInTable > 0 && t.Rewritten);
        sync.History!.Select(e => e.State).ShouldContain("loading");
        details!.Syncs.Single().Id.ShouldBe(sync.Id);
        File.Exists(Path.Combine(_harness.DataDirectory, "bridges", "api-folder", "insider.duckdb")).ShouldBeTrue();
    }

    [Fact]
    public async Task Bridge_WithHostileInput_IsRefusedWithEachProblem_AndNothingIsSaved()
    {
        var refused = await _harness.Api.Http.PostAsJsonAsync("/api/bridges", new BridgeInput("bad name!", "ftp", Folder: "../../etc",
            Tables: [new BridgeTableInput("insider_users; DROP TABLE x"), new BridgeTableInput("insider_users"), new BridgeTableInput("insider_users")]));
        var body = await refused.Content.ReadAsStringAsync();

        refused.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        body.ShouldContain("may hold only letters");
        body.ShouldContain("choose snowflake or folder");
        body.ShouldContain("choose insider_users or insider_events");
        body.ShouldContain("select each table once");
        (await _harness.Api.Http.GetStringAsync("/api/bridges")).ShouldBe("[]");
    }
}
