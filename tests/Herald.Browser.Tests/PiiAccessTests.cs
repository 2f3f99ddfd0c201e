using System.Net.Http.Json;
using Herald.Browser.Tests.Support;
using Herald.Server.Api;

namespace Herald.Browser.Tests;

/// <summary>
/// In a real browser: a user with Restrict PII access previews a query and sees its emails hidden with a sentence saying
/// why; an admin-only destination, ticked in the destination form, is not shown to a User.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class PiiAccessTests(HeraldInBrowser herald)
{
    private const string Password = "a browser-typed password";
    private const string FirstCustomers = "SELECT amperity_id, email FROM Customer_360 WHERE email LIKE '%_@_%._%' ORDER BY amperity_id LIMIT 5";

    [Fact]
    public async Task Preview_ForAUserWithRestrictedPii_HidesTheEmails_AndSaysWhy()
    {
        var name = $"restricted-{Unique.Suffix()}";
        (await herald.Api.PostAsJsonAsync("/api/users", new UserInput(name, Password, ["User"], RestrictPii: true))).EnsureSuccessStatusCode();
        var asOperator = await (await herald.Api.PostAsJsonAsync("/api/queries/preview", new QueryPreviewRequest(FirstCustomers, null, 5)))
            .Content.ReadFromJsonAsync<QueryPreviewView>(new System.Text.Json.JsonSerializerOptions(System.Text.Json.JsonSerializerDefaults.Web));
        var email = asOperator!.Rows[0][1]!;
        var page = await SignInAsync(name);

        await page.GotoAsync("/orchestrations/new");
        await page.GetByLabel("Query", new() { Exact = true }).FillAsync(FirstCustomers);
        await page.GetByRole(AriaRole.Button, new() { Name = "Preview the first 100 rows" }).ClickAsync();

        await Expect(page.Locator("[data-redacted]")).ToHaveTextAsync("Values of Customer_360.email are hidden: your policy restricts personal data (PII).");
        await Expect(page.Locator("[data-pii-column]")).ToHaveCountAsync(1);
        await Expect(page.Locator("#preview")).ToContainTextAsync(asOperator.Rows[0][0]!);
        (await page.Locator("#preview").TextContentAsync() ?? "").ShouldNotContain(email);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task AdminOnlyDestination_TickedInTheForm_IsNotShownToAUser()
    {
        var (credential, open) = await herald.AddDestinationAsync($"Open {Unique.Suffix()}");
        var destination = $"vip-{Unique.Suffix()}";
        var admin = await herald.SignedInPageAsync();
        await admin.GotoAsync("/destinations/new");
        await admin.GetByLabel("Credential", new() { Exact = true }).SelectOptionAsync(credential);
        await admin.GetByLabel("Name", new() { Exact = true }).FillAsync(destination);
        await admin.GetByLabel("Segment name").FillAsync($"VIP {Unique.Suffix()}");
        await admin.GetByLabel("Admin only: only Operators and Administrators see and use it").CheckAsync();
        await admin.GetByRole(AriaRole.Button, new() { Name = "Test the connection and save" }).ClickAsync();
        await admin.GotoAsync("/destinations");
        await Expect(admin.GetByRole(AriaRole.Link, new() { Name = destination, Exact = true })).ToBeVisibleAsync();
        await admin.Context.CloseAsync();
        var name = $"user-{Unique.Suffix()}";
        (await herald.Api.PostAsJsonAsync("/api/users", new UserInput(name, Password, ["User"]))).EnsureSuccessStatusCode();

        var page = await SignInAsync(name);
        await page.GotoAsync("/destinations");

        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Destinations", Level = 1 })).ToBeVisibleAsync();
        await Expect(page.GetByText(destination)).ToHaveCountAsync(0);
        await Expect(page.GetByText(open, new() { Exact = true }).First).ToBeVisibleAsync();
        await page.GotoAsync("/orchestrations/new");
        await Expect(page.Locator($"#Destination option[value='{destination}']")).ToHaveCountAsync(0);
        await page.Context.CloseAsync();
    }

    private async Task<IPage> SignInAsync(string name)
    {
        var page = await herald.NewPageAsync();
        await page.GotoAsync("/signin");
        await page.GetByLabel("User name").FillAsync(name);
        await page.GetByLabel("Password").FillAsync(Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Expect(page.GetByText($"Signed in as {name}")).ToBeVisibleAsync();
        return page;
    }
}
