using Herald.Browser.Tests.Support;

namespace Herald.Browser.Tests;

/// <summary>The orchestration form helps write the query: the customer 360's tables and columns beside the editor.</summary>
[Collection(BrowserCollection.Name)]
public sealed class QueryHelpTests(HeraldInBrowser herald)
{
    [Fact]
    public async Task OrchestrationForm_ShowsTheCustomer360TablesBesideTheEditor_WithColumnsTypesAndPiiMarksWhenOpened()
    {
        var page = await herald.SignedInPageAsync();
        await page.GotoAsync("/orchestrations/new");

        var tables = page.GetByRole(AriaRole.Complementary, new() { Name = "Customer 360 tables" });
        var customers = tables.Locator("details[data-table='Customer_360']");
        await Expect(customers.Locator("summary")).ToContainTextAsync("Customer_360");
        var email = customers.Locator("li[data-column='email']");
        await Expect(email).ToBeHiddenAsync();

        await customers.Locator("summary").ClickAsync();

        await Expect(email).ToBeVisibleAsync();
        await Expect(email.Locator(".type")).ToHaveTextAsync("VARCHAR");
        await Expect(email.Locator(".pii-mark")).ToHaveTextAsync("PII");
        await Expect(customers.Locator("li[data-column='loyalty_tier']")).ToBeVisibleAsync();
        await Expect(customers.Locator("li[data-column='loyalty_tier'] .pii-mark")).ToHaveCountAsync(0);
        // Beside the editor on a wide window: the tables start to the right of the query field, not below it.
        var query = (await page.GetByLabel("Query", new() { Exact = true }).BoundingBoxAsync())!;
        var aside = (await tables.BoundingBoxAsync())!;
        aside.X.ShouldBeGreaterThan(query.X + query.Width);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Preview_SaysHowManyValuesARunWouldSetAsideAndWhy_AndTakesTheFocus()
    {
        var (_, destination) = await herald.AddDestinationAsync($"Help {Unique.Suffix()}");
        var page = await herald.SignedInPageAsync();
        await page.GotoAsync("/orchestrations/new");
        await page.GetByLabel("Destination").SelectOptionAsync(destination);
        await page.GetByLabel("Query", new() { Exact = true }).FillAsync(
            "SELECT * FROM (VALUES ('ada@example.com'), ('ada@example.com'), (''), ('not-an-email')) AS t(email)");

        await page.GetByRole(AriaRole.Button, new() { Name = "Preview the first 100 rows" }).ClickAsync();

        var preview = page.Locator("#preview");
        await Expect(preview).ToBeFocusedAsync();
        await Expect(preview).ToBeInViewportAsync();
        await Expect(preview.Locator("[data-preview-counts]"))
            .ToContainTextAsync("A run would send 1 of the query's 4 rows and set 3 aside: 1 empty, 1 duplicate, 1 invalid email.");
        await Expect(preview.Locator("[data-count='set-aside-invalid_email']")).ToHaveTextAsync("1");
        await page.Locator("details[data-table='Customer_360'] summary").ClickAsync();
        await herald.Screenshots.TakeAsync(page, "query-help", forDocs: true);
        await page.Context.CloseAsync();
    }
}
