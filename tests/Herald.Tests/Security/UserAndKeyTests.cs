using System.Net;
using System.Net.Http.Json;
using System.Text;
using Herald.Application.Access;
using Herald.Server.Api;
using Herald.Tests.Support;

namespace Herald.Tests.Security;

/// <summary>
/// Users and their API keys through HTTP: the installation's key is the admin's after the upgrade, keys are stored
/// hashed and stop working when revoked or when their user is disabled, and people sign in to the UI with a password.
/// </summary>
public sealed class UserAndKeyTests : IAsyncLifetime
{
    private const string Password = "correct horse battery staple";
    private HeraldHarness _harness = null!;

    public async Task InitializeAsync() => _harness = await HeraldHarness.StartAsync();

    public async Task DisposeAsync() => await _harness.DisposeAsync();

    [Fact]
    public async Task InstallationKey_AfterTheUpgrade_IsTheAdminUsersKey_WithTheAdministratorPolicy_AndSurvivesARestart()
    {
        await _harness.RestartAsync();

        var me = await _harness.Api.Http.GetFromJsonAsync<CallerView>("/api/me", HeraldApi.Json);
        var users = await _harness.Api.Http.GetFromJsonAsync<UserListing[]>("/api/users", HeraldApi.Json);

        me!.Name.ShouldBe("admin");
        me.Policies.ShouldBe(["Administrator"]);
        me.Actions.ShouldContain(HeraldActions.UserAdmin);
        var admin = users!.ShouldHaveSingleItem();
        admin.Keys.ShouldHaveSingleItem().Name.ShouldBe(UserUseCases.DataDirectoryKeyName);
    }

    [Fact]
    public async Task ApiKey_IsShownOnce_StoredOnlyAsItsHash_AndNotesWhenItWasLastUsed()
    {
        await _harness.Api.AddUserAsync("olga", "Operator");
        var made = await _harness.Api.MakeKeyAsync("olga", "laptop");

        using var olga = _harness.Api.ClientWith(made.Key);
        (await olga.GetFromJsonAsync<CallerView>("/api/me", HeraldApi.Json))!.Name.ShouldBe("olga");
        var listed = await olga.GetFromJsonAsync<ApiKeyListing[]>("/api/apikeys", HeraldApi.Json);

        listed!.ShouldHaveSingleItem().LastUsedAt.ShouldNotBeNull();
        (await olga.GetStringAsync("/api/apikeys")).ShouldNotContain(made.Key);
        made.Key.Length.ShouldBeGreaterThan(40);
        made.Listing.Prefix.Length.ShouldBeLessThan(10);
        var stored = new StringBuilder();
        await _harness.RestartAsync(whileStopped: async directory =>
        {
            foreach (var file in Directory.GetFiles(directory, "herald.db*"))
            {
                stored.Append(Encoding.UTF8.GetString(await File.ReadAllBytesAsync(file)));
            }
        });
        stored.ToString().ShouldContain(made.Listing.Name);
        stored.ToString().ShouldNotContain(made.Key);
    }

    [Fact]
    public async Task ApiKey_WhenRevoked_IsRefusedWith401_AndAnotherUsersKeyCannotBeRevokedWithoutUserAdmin()
    {
        await _harness.Api.AddUserAsync("una", "User");
        await _harness.Api.AddUserAsync("victor", "Viewer");
        var unasKey = await _harness.Api.MakeKeyAsync("una", "ci");
        var victorsKey = await _harness.Api.MakeKeyAsync("victor", "laptop");
        using var una = _harness.Api.ClientWith(unasKey.Key);
        using var victor = _harness.Api.ClientWith(victorsKey.Key);

        var refused = await victor.DeleteAsync($"/api/apikeys/{unasKey.Listing.Id}");
        (await una.GetAsync("/api/me")).StatusCode.ShouldBe(HttpStatusCode.OK);
        var revoked = await una.DeleteAsync($"/api/apikeys/{unasKey.Listing.Id}");

        refused.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await refused.Content.ReadAsStringAsync()).ShouldContain(HeraldActions.UserAdmin);
        revoked.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await una.GetAsync("/api/me")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await victor.GetAsync("/api/me")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task User_WhenEnabledAgain_SignsInAndUsesItsKeysAgain_AndBothChangesAreAudited()
    {
        await _harness.Api.AddUserAsync("enzo", "Viewer", Password);
        var key = await _harness.Api.MakeKeyAsync("enzo", "laptop");
        using var enzo = _harness.Api.ClientWith(key.Key);
        (await _harness.Api.Http.PostAsync("/api/users/enzo/disable", null)).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await enzo.GetAsync("/api/me")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);

        var enabled = await _harness.Api.Http.PostAsync("/api/users/enzo/enable", null);

        (await HeraldApi.ReadAsync<UserListing>(enabled, HttpStatusCode.OK)).Disabled.ShouldBeFalse();
        (await enzo.GetAsync("/api/me")).StatusCode.ShouldBe(HttpStatusCode.OK);
        using var browser = new UiClient(_harness.Herald.BaseUrl);
        (await browser.SignInWithPasswordAsync("enzo", Password)).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var audited = await _harness.Api.Http.GetFromJsonAsync<Herald.Core.Access.AuditEntry[]>("/api/audit?action=user:admin", HeraldApi.Json);
        audited.ShouldNotBeNull().Where(e => e.Subject == "enzo").Select(e => e.Operation).ShouldBe(["enable user", "disable user", "add user"]);
    }

    [Fact]
    public async Task User_WhenDisabled_LosesItsKeysAndItsSignedInSession_AtItsNextRequest()
    {
        await _harness.Api.AddUserAsync("dora", "Operator", Password);
        var key = await _harness.Api.MakeKeyAsync("dora", "laptop");
        using var dora = _harness.Api.ClientWith(key.Key);
        using var browser = new UiClient(_harness.Herald.BaseUrl);
        (await browser.SignInWithPasswordAsync("dora", Password)).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await browser.Http.GetAsync("/runs")).StatusCode.ShouldBe(HttpStatusCode.OK);

        (await _harness.Api.Http.PostAsync("/api/users/dora/disable", null)).StatusCode.ShouldBe(HttpStatusCode.OK);

        (await dora.GetAsync("/api/me")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        var page = await browser.Http.GetAsync("/runs");
        page.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        page.Headers.Location!.ToString().ShouldContain("/signin");
        (await browser.SignInWithPasswordAsync("dora", Password)).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task SignIn_WithAWrongPasswordOrAnUnknownName_SaysTheSameSentence_AndOpensNoSession()
    {
        await _harness.Api.AddUserAsync("pia", "Viewer", Password);
        using var browser = new UiClient(_harness.Herald.BaseUrl);

        var wrongPassword = await (await browser.SignInWithPasswordAsync("pia", Password + "!")).Content.ReadAsStringAsync();
        var unknownName = await (await browser.SignInWithPasswordAsync("nobody", Password)).Content.ReadAsStringAsync();

        wrongPassword.ShouldContain("That user name and password do not match an enabled user.");
        unknownName.ShouldContain("That user name and password do not match an enabled user.");
        (await browser.Http.GetAsync("/runs")).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var signedIn = await browser.SignInWithPasswordAsync("pia", Password);
        signedIn.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await browser.Http.GetAsync("/runs")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task AddUser_WithAnUnknownPolicyOrAShortPassword_IsRefusedNamingBoth_AndNothingIsAdded()
    {
        var response = await _harness.Api.Http.PostAsJsonAsync("/api/users", new UserInput("zed", "short", ["Superuser"]));

        var error = await HeraldApi.ReadAsync<ApiProblem>(response, HttpStatusCode.BadRequest);
        error.Errors!.ShouldContain(e => e.Contains("'Superuser' is neither a policy"));
        error.Errors!.ShouldContain(e => e.Contains($"{UserUseCases.MinPasswordLength} to"));
        (await _harness.Api.Http.GetFromJsonAsync<UserListing[]>("/api/users", HeraldApi.Json))!.ShouldNotContain(u => u.Name == "zed");
    }

    [Fact]
    public async Task Viewer_StartingARun_IsRefused_ButReadsRuns()
    {
        var destination = await _harness.Api.AddDestinationWithCredentialAsync("Viewers");
        var run = await _harness.Api.SendAsync(destination.Name, "SELECT email FROM Customer_360 LIMIT 3");
        await _harness.Api.AddUserAsync("vik", "Viewer");
        using var viewer = _harness.Api.ClientWith((await _harness.Api.MakeKeyAsync("vik", "laptop")).Key);

        var send = await viewer.PostAsJsonAsync("/api/sends", new SendRequest(destination.Name, "SELECT email FROM Customer_360 LIMIT 3"));
        var read = await viewer.GetAsync($"/api/runs/{run.Id}");

        send.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await send.Content.ReadAsStringAsync()).ShouldContain(HeraldActions.RunSend);
        read.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await _harness.Api.Http.GetFromJsonAsync<RunSummary[]>("/api/runs?startedBy=vik", HeraldApi.Json))!.ShouldBeEmpty();
    }

    [Fact]
    public async Task Viewer_OnThePages_SeesNoWayToEdit_AndAHandMadeDeleteIsRefusedNamingTheAction()
    {
        await _harness.Api.AddCredentialAsync("kept-credential");
        await _harness.Api.AddUserAsync("wanda", "Viewer", Password);
        using var browser = new UiClient(_harness.Herald.BaseUrl);
        (await browser.SignInWithPasswordAsync("wanda", Password)).StatusCode.ShouldBe(HttpStatusCode.Redirect);

        var page = await browser.Http.GetStringAsync("/credentials");
        var deleted = await browser.PostFormAsync("/credentials", "/credentials?handler=Delete", new Dictionary<string, string> { ["name"] = "kept-credential" });
        var users = await browser.Http.GetAsync("/users");

        page.ShouldContain("kept-credential");
        page.ShouldNotContain("Add a credential");
        page.ShouldNotContain("handler=Delete");
        page.ShouldNotContain("href=\"/users\"");
        deleted.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await deleted.Content.ReadAsStringAsync()).ShouldContain("credential:edit");
        users.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await users.Content.ReadAsStringAsync()).ShouldContain("user:admin");
        (await _harness.Api.Http.GetAsync("/api/credentials/kept-credential")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }
}
