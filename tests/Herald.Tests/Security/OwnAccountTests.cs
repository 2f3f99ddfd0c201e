using System.Net;
using System.Net.Http.Json;
using Herald.Application.Access;
using Herald.Core.Access;
using Herald.Server.Api;
using Herald.Tests.Support;

namespace Herald.Tests.Security;

/// <summary>
/// A user's own account (<c>/account</c>, <c>/api/me/...</c>): any signed-in user changes its own password and makes and
/// revokes its own API keys without user:admin; nothing there reaches another user's password or keys, an
/// administrator's included; a wrong current password spends the address's failed sign-ins.
/// </summary>
public sealed class OwnAccountTests : IAsyncLifetime
{
    private const string Password = "the first long password";
    private const string NewPassword = "the second long password";
    private HeraldHarness _harness = null!;

    public async Task InitializeAsync() => _harness = await HeraldHarness.StartAsync(settings: new Dictionary<string, string?>
    {
        ["Herald:Web:SignInFailuresPerMinute"] = "3",
    });

    public async Task DisposeAsync() => await _harness.DisposeAsync();

    [Fact]
    public async Task ChangePassword_OnTheAccountPage_SignsOutTheOtherSessionsOnly_TheNewOneSignsIn_AndItIsAudited()
    {
        await _harness.Api.AddUserAsync("vera", "Viewer", Password);
        using var here = await SignedInAsync("vera", Password);
        using var elsewhere = await SignedInAsync("vera", Password);

        var changed = await here.PostFormAsync("/account", "/account?handler=Password",
            new Dictionary<string, string> { ["CurrentPassword"] = Password, ["NewPassword"] = NewPassword });

        changed.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await here.Http.GetStringAsync("/account")).ShouldContain("your 1 other signed-in session(s) were signed out");
        var signedOut = await elsewhere.Http.GetAsync("/runs");
        signedOut.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        signedOut.Headers.Location!.ToString().ShouldContain("/signin");
        using var withOld = new UiClient(_harness.Herald.BaseUrl);
        (await withOld.SignInWithPasswordAsync("vera", Password)).StatusCode.ShouldBe(HttpStatusCode.OK, "the old password no longer signs in");
        (await SignedInAsync("vera", NewPassword)).Dispose();
        var audit = await _harness.Api.Http.GetStringAsync("/api/audit");
        var entries = (await _harness.Api.Http.GetFromJsonAsync<AuditEntry[]>("/api/audit", HeraldApi.Json))!;
        entries.ShouldContain(e => e.Actor == "vera" && e.Operation == "change own password" && e.Outcome == "done");
        audit.ShouldNotContain(Password);
        audit.ShouldNotContain(NewPassword);
    }

    [Fact]
    public async Task ChangePassword_WithAWrongCurrentOne_ChangesNothing_AndSpendsTheAddressesFailedSignIns()
    {
        await _harness.Api.AddUserAsync("wendy", "Operator", Password);
        using var browser = await SignedInAsync("wendy", Password);
        var wrong = new Dictionary<string, string> { ["CurrentPassword"] = "a guess at the password", ["NewPassword"] = NewPassword };

        var answers = new List<HttpResponseMessage>();
        for (var guess = 0; guess < 3; guess++)
        {
            answers.Add(await browser.PostFormAsync("/account", "/account?handler=Password", wrong));
        }
        var right = await browser.PostFormAsync("/account", "/account?handler=Password",
            new Dictionary<string, string> { ["CurrentPassword"] = Password, ["NewPassword"] = NewPassword });

        answers.ShouldAllBe(a => a.StatusCode == HttpStatusCode.OK);
        (await answers[0].Content.ReadAsStringAsync()).ShouldContain("That is not your current password");
        right.StatusCode.ShouldBe(HttpStatusCode.TooManyRequests);
        (await right.Content.ReadAsStringAsync()).ShouldContain("Herald:Web:SignInFailuresPerMinute");
        using var another = new UiClient(_harness.Herald.BaseUrl);
        (await another.SignInWithPasswordAsync("wendy", Password)).StatusCode.ShouldBe(HttpStatusCode.TooManyRequests, "sign-ins from the address are spent too");
        var entries = (await _harness.Api.Http.GetFromJsonAsync<AuditEntry[]>("/api/audit", HeraldApi.Json))!;
        entries.Where(e => e.Operation == "change own password").Select(e => e.Outcome).ShouldBe(["refused", "refused", "refused"]);
    }

    [Fact]
    public async Task ChangePassword_ThroughTheApi_NamingAnotherUser_ChangesOnlyTheCallersOwn()
    {
        await _harness.Api.AddUserAsync("mallory", "Viewer", Password);
        await _harness.Api.AddUserAsync("alice", "Administrator", Password);
        using var mallory = _harness.Api.ClientWith((await _harness.Api.MakeKeyAsync("mallory", "laptop")).Key);

        var changed = await mallory.PostAsJsonAsync("/api/me/password",
            new { currentPassword = Password, newPassword = NewPassword, user = "alice", name = "alice" });

        (await HeraldApi.ReadAsync<PasswordChanged>(changed, HttpStatusCode.OK)).User.ShouldBe("mallory");
        (await SignedInAsync("alice", Password)).Dispose();
        (await SignedInAsync("mallory", NewPassword)).Dispose();
    }

    [Fact]
    public async Task OwnKeys_AViewerMakesListsAndRevokesItsOwn_WithoutUserAdmin_AndAKeyIsShownOnce()
    {
        await _harness.Api.AddUserAsync("vic", "Viewer");
        var first = await _harness.Api.MakeKeyAsync("vic", "laptop");
        using var vic = _harness.Api.ClientWith(first.Key);

        var made = await HeraldApi.ReadAsync<NewApiKeyView>(await vic.PostAsJsonAsync("/api/me/keys", new OwnApiKeyInput("ci")), HttpStatusCode.Created);
        var listed = await vic.GetStringAsync("/api/me/keys");
        var revoked = await vic.DeleteAsync($"/api/me/keys/{made.Listing.Id}");

        made.Listing.User.ShouldBe("vic");
        listed.ShouldContain(made.Listing.Prefix);
        listed.ShouldNotContain(made.Key);
        listed.ShouldNotContain(first.Key);
        (await HeraldApi.ReadAsync<ApiKeyListing>(revoked, HttpStatusCode.OK)).RevokedAt.ShouldNotBeNull();
        using var withRevoked = _harness.Api.ClientWith(made.Key);
        (await withRevoked.GetAsync("/api/me")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await vic.GetAsync("/api/me")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task OwnKeys_RevokingAnotherUsersKey_IsAnsweredAsMissing_EvenForAnAdministrator_AndTheKeyKeepsWorking()
    {
        await _harness.Api.AddUserAsync("kim", "Viewer", Password);
        var kims = await _harness.Api.MakeKeyAsync("kim", "laptop");
        var admins = (await _harness.Api.Http.GetFromJsonAsync<ApiKeyListing[]>("/api/me/keys", HeraldApi.Json))!.ShouldHaveSingleItem();
        using var kim = _harness.Api.ClientWith(kims.Key);
        using var administrator = await SignedInWithKeyAsync(_harness.Herald.ApiKey);

        var byAdministratorsApi = await _harness.Api.Http.DeleteAsync($"/api/me/keys/{kims.Listing.Id}");
        var byAdministratorsPage = await administrator.PostFormAsync("/account", "/account?handler=Revoke", new Dictionary<string, string> { ["id"] = kims.Listing.Id.ToString() });
        var byKim = await kim.DeleteAsync($"/api/me/keys/{admins.Id}");

        byAdministratorsApi.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await byAdministratorsPage.Content.ReadAsStringAsync()).ShouldContain("You have no API key with that id");
        byKim.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await byKim.Content.ReadAsStringAsync()).ShouldNotContain("admin");
        (await kim.GetAsync("/api/me")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await _harness.Api.Http.GetAsync("/api/me")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task AccountPage_LinkedFromTheHeader_MakesAKeyShownOnce_AndListsItWithoutIt()
    {
        await _harness.Api.AddUserAsync("uma", "User", Password);
        using var browser = await SignedInAsync("uma", Password);
        (await browser.Http.GetStringAsync("/runs")).ShouldContain("href=\"/account\"");

        var made = await browser.PostFormAsync("/account", "/account?handler=MakeKey", new Dictionary<string, string> { ["KeyName"] = "notebook" });
        var shown = await made.Content.ReadAsStringAsync();
        var key = System.Text.RegularExpressions.Regex.Match(shown, "data-new-key>([^<]+)<").Groups[1].Value;
        var later = await browser.Http.GetStringAsync("/account");

        key.Length.ShouldBeGreaterThan(40);
        using var withKey = _harness.Api.ClientWith(key);
        (await withKey.GetFromJsonAsync<CallerView>("/api/me", HeraldApi.Json))!.Name.ShouldBe("uma");
        later.ShouldContain("notebook");
        later.ShouldNotContain(key);
    }

    private async Task<UiClient> SignedInAsync(string name, string password)
    {
        var browser = new UiClient(_harness.Herald.BaseUrl);
        (await browser.SignInWithPasswordAsync(name, password)).StatusCode.ShouldBe(HttpStatusCode.Redirect, $"{name} signs in");
        return browser;
    }

    private async Task<UiClient> SignedInWithKeyAsync(string key)
    {
        var browser = new UiClient(_harness.Herald.BaseUrl);
        (await browser.SignInAsync(key)).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        return browser;
    }
}
