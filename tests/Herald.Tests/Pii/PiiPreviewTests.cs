using System.Net;
using System.Net.Http.Json;
using Herald.Server.Api;
using Herald.Tests.Support;

namespace Herald.Tests.Pii;

/// <summary>A preview says which of its columns are personal data, and which rule decided, through the API.</summary>
public sealed class PiiPreviewTests : IAsyncLifetime
{
    private HeraldHarness _harness = null!;

    public async Task InitializeAsync() => _harness = await HeraldHarness.StartAsync();

    public async Task DisposeAsync() => await _harness.DisposeAsync();

    [Fact]
    public async Task Preview_OfAPiiColumn_NamesTheColumnItComesFromAndTheRule()
    {
        var response = await _harness.Api.Http.PostAsJsonAsync("/api/queries/preview",
            new QueryPreviewRequest("SELECT amperity_id, email AS contact FROM Customer_360 ORDER BY amperity_id", "uuid", 3));

        var preview = await HeraldApi.ReadAsync<QueryPreviewView>(response, HttpStatusCode.OK);
        var pii = preview.Pii.ShouldNotBeNull();
        pii.PiiColumns.ShouldHaveSingleItem().Column.ShouldBe("contact");
        pii.PiiColumns[0].From.ShouldBe(["Customer_360.email"]);
        pii.AudienceIsPii.ShouldBeTrue();
        pii.Rule.ShouldBe("PII by the column rule: contact comes from Customer_360.email.");
    }

    [Fact]
    public async Task Preview_WithTheConfiguredPiiColumns_MarksThemToo()
    {
        await _harness.RestartAsync(new Dictionary<string, string?> { ["Herald:Source:PiiColumns:0"] = "Customer_360.amperity_id" });

        var response = await _harness.Api.Http.PostAsJsonAsync("/api/queries/preview", new QueryPreviewRequest("SELECT amperity_id FROM Customer_360", "uuid", 1));

        var preview = await HeraldApi.ReadAsync<QueryPreviewView>(response, HttpStatusCode.OK);
        preview.Pii.ShouldNotBeNull().PiiColumns.ShouldHaveSingleItem().From.ShouldBe(["Customer_360.amperity_id"]);
    }

    [Fact]
    public async Task PiiColumns_OfTheSample_AreListedByName()
    {
        var columns = await _harness.Api.Http.GetFromJsonAsync<List<Herald.Core.Pii.PiiColumn>>("/api/pii-columns");

        columns.ShouldNotBeNull().ShouldContain(new Herald.Core.Pii.PiiColumn("Customer_360", "email"));
        columns.ShouldNotContain(c => c.Column == "amperity_id");
    }
}
