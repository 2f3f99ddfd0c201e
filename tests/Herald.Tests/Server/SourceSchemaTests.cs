using System.Net;
using System.Net.Http.Json;
using Herald.Core.Audiences;
using Herald.Tests.Support;
using Microsoft.Extensions.Options;

namespace Herald.Tests.Server;

/// <summary>
/// GET /api/source/schema describes the customer 360 as a query sees it (tables, views, other schemas, column types),
/// within its size limit, and never opens more than the source's sandbox allows.
/// </summary>
public sealed class SourceSchemaTests
{
    [Fact]
    public async Task Schema_OfTheSample_ListsCustomer360WithItsColumnsAndDuckDbTypes()
    {
        await using var harness = await HeraldHarness.StartAsync();

        var schema = await HeraldApi.ReadAsync<SourceSchema>(await harness.Api.Http.GetAsync("/api/source/schema"), HttpStatusCode.OK);

        var customers = schema.Tables.Where(t => t.Name == "Customer_360").ShouldHaveSingleItem();
        customers.IsView.ShouldBeFalse();
        customers.Columns.ShouldContain(new SourceColumn("email", "VARCHAR", Pii: true));
        customers.Columns.Single(c => c.Name == "loyalty_tier").Pii.ShouldBeFalse();
        schema.Shortened.ShouldBeNull();
    }

    [Fact]
    public async Task Schema_NamesViewsAndOtherSchemasAsAQueryWritesThem_MarksPiiColumns_AndStopsAtTheLimitNamingTheSetting()
    {
        using var directory = new TestDirectory("schema");
        var source = TestDatabases.Create(directory.File("wide.duckdb"),
            "CREATE TABLE people (email VARCHAR, born DATE, points DECIMAL(10,2))",
            "CREATE VIEW gold_people AS SELECT email FROM people",
            "CREATE SCHEMA crm",
            $"CREATE TABLE crm.wide ({string.Join(", ", Enumerable.Range(1, 20).Select(i => $"c{i} INTEGER"))})",
            "CREATE TABLE Pii_Columns (table_name VARCHAR, column_name VARCHAR)",
            "INSERT INTO Pii_Columns VALUES ('people', 'email'), ('wide', 'c2')");

        await using (var whole = await HeraldHarness.StartAsync(source))
        {
            var schema = await HeraldApi.ReadAsync<SourceSchema>(await whole.Api.Http.GetAsync("/api/source/schema"), HttpStatusCode.OK);

            schema.Tables.Select(t => (t.Name, t.IsView, t.Columns.Count))
                .ShouldBe([("Pii_Columns", false, 2), ("gold_people", true, 1), ("people", false, 3), ("crm.wide", false, 20)]);
            schema.Tables[2].Columns.ShouldBe([new("email", "VARCHAR", Pii: true), new("born", "DATE"), new("points", "DECIMAL(10,2)")]);
            schema.Tables[3].Columns.Where(c => c.Pii).Select(c => c.Name).ShouldBe(["c2"]);
            // The view's own columns are not marked: a mark names a table's column (PiiCatalog's stated limit).
            schema.Tables[1].Columns.ShouldHaveSingleItem().Pii.ShouldBeFalse();
        }

        await using var limited = await HeraldHarness.StartAsync(source, new Dictionary<string, string?> { ["Herald:Source:SchemaMaxColumns"] = "10" });
        var cut = await HeraldApi.ReadAsync<SourceSchema>(await limited.Api.Http.GetAsync("/api/source/schema"), HttpStatusCode.OK);

        cut.Tables.Sum(t => t.Columns.Count).ShouldBe(10);
        cut.Shortened.ShouldNotBeNull().ShouldContain("Herald:Source:SchemaMaxColumns");
    }

    [Fact]
    public async Task Schema_WhenTheCustomer360IsMissing_IsRefusedNamingTheSetting()
    {
        using var directory = new TestDirectory("schema-missing");
        var source = TestDatabases.Create(directory.File("gone.duckdb"), "CREATE TABLE people (email VARCHAR)");
        await using var harness = await HeraldHarness.StartAsync(source);
        File.Delete(source);

        var response = await harness.Api.Http.GetAsync("/api/source/schema");

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await response.Content.ReadAsStringAsync()).ShouldContain("Herald:Source:DuckDbPath");
    }

    [Theory]
    [InlineData("9")]
    [InlineData("100001")]
    public async Task SchemaMaxColumns_OutsideItsRange_StopsStartUpNamingTheSetting(string value)
    {
        using var directory = new TestDirectory("schema-setting");
        await using var simulator = await Herald.Simulator.InsiderOneSimulator.StartAsync(new Herald.Simulator.SimulatorOptions());
        var sample = await TestDatabases.SampleAsync();

        var refused = await Should.ThrowAsync<OptionsValidationException>(() => HeraldHarness.StartHeraldAsync(
            Path.Combine(directory.Path, "data"), simulator, sample,
            new Dictionary<string, string?> { ["Herald:Source:SchemaMaxColumns"] = value }, null));

        refused.Message.ShouldContain("Herald:Source:SchemaMaxColumns");
    }
}
