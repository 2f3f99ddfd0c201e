using Herald.Browser.Tests.Support;

namespace Herald.Browser.Tests;

/// <summary>The orchestration form helps write the query: the customer 360's tables and columns beside the editor.</summary>
[Collection(BrowserCollection.Name)]
public sealed class QueryHelpTests(HeraldInBrowser herald)
{
    [Fact]
    public async Task OrchestrationForm_ShowsTheCustomer360TablesBesideTheEditor_WithColumnsAndTypesWhenOpened()
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
        await Expect(customers.Locator("li[data-column='loyalty_tier']")).ToBeVisibleAsync();
        // Beside the editor on a wide window: the tables start to the right of the query field, not below it.
        var query = (await page.GetByLabel("Query", new() { Exact = true }).BoundingBoxAsync())!;
        var aside = (await tables.BoundingBoxAsync())!;
        aside.X.ShouldBeGreaterThan(query.X + query.Width);
        await page.Context.CloseAsync();
    }
}
