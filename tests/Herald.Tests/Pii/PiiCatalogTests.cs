using Herald.Application.Pii;
using Herald.Core.Audiences;
using Herald.Core.Pii;
using Herald.Sources.DuckDb;
using Herald.Tests.Support;

namespace Herald.Tests.Pii;

/// <summary>
/// Which columns are personal data, over the real sample customer 360 and DuckDB's own parser: the sample's
/// Pii_Columns table, the Herald:Source:PiiColumns setting, the column rule and the attribute rule.
/// </summary>
public sealed class PiiCatalogTests : IDisposable
{
    private readonly TestDirectory _directory = new("pii");

    public void Dispose() => _directory.Dispose();

    private async Task<PiiCatalog> CatalogAsync(string? database = null, params PiiColumn[] configured) =>
        new(new DuckDbSourceLineage(new DuckDbSourceOptions
        {
            DatabasePath = database ?? await TestDatabases.SampleAsync(),
            TempDirectory = _directory.File("tmp"),
            Threads = 1,
        }), new PiiSettings(configured));

    [Fact]
    public async Task Columns_OfTheSample_AreTheRowsOfItsPiiColumnsTable()
    {
        var catalog = await CatalogAsync();

        var columns = (await catalog.ColumnsAsync(CancellationToken.None)).Select(c => c.ToString()).ToList();

        columns.ShouldContain("Customer_360.email");
        columns.ShouldContain("Customer_360.phone");
        columns.ShouldContain("Customer_360.birthdate");
        columns.ShouldNotContain("Customer_360.amperity_id");
    }

    [Fact]
    public async Task Columns_OfADatabaseWithoutPiiColumns_AreTheConfiguredOnes()
    {
        var database = TestDatabases.Create(_directory.File("own.duckdb"), "CREATE TABLE Members (member_id VARCHAR, mail VARCHAR)");
        var catalog = await CatalogAsync(database, new PiiColumn("Members", "mail"));

        var finding = await catalog.ClassifyAsync("SELECT member_id, mail FROM Members", ["member_id", "mail"], null, CancellationToken.None);

        (await catalog.ColumnsAsync(CancellationToken.None)).ShouldBe([new PiiColumn("Members", "mail")]);
        finding.Columns.Select(c => c.IsPii).ShouldBe([false, true]);
    }

    [Fact]
    public async Task Columns_OfAHostilePiiColumnsTable_KeepOnlyWellFormedNames()
    {
        var database = TestDatabases.Create(_directory.File("hostile.duckdb"),
            "CREATE TABLE Pii_Columns (table_name VARCHAR, column_name VARCHAR)",
            "INSERT INTO Pii_Columns VALUES ('Members', 'mail'), (NULL, 'x'), ('Members', 'a b'), ('Members', repeat('y', 100000)), ('Me\"mbers', 'mail')");

        var columns = await (await CatalogAsync(database)).ColumnsAsync(CancellationToken.None);

        columns.ShouldBe([new PiiColumn("Members", "mail")]);
    }

    [Fact]
    public async Task Classify_APlainQuery_MarksOnlyTheResultColumnsMadeFromPiiColumns()
    {
        var catalog = await CatalogAsync();

        var finding = await catalog.ClassifyAsync(
            "SELECT c.amperity_id, lower(c.email) AS contact FROM Customer_360 c WHERE c.state = 'CA'", ["amperity_id", "contact"], "store_id", CancellationToken.None);

        finding.Columns.Select(c => c.IsPii).ShouldBe([false, true]);
        finding.Columns[1].From.ShouldBe([new PiiColumn("Customer_360", "email")]);
        finding.AudienceIsPii.ShouldBeTrue();
        finding.Rule.ShouldBe("PII by the column rule: contact comes from Customer_360.email.");
    }

    [Theory]
    [InlineData("WITH t AS (SELECT email AS x FROM Customer_360) SELECT x FROM t")]
    [InlineData("SELECT x FROM (SELECT phone AS x FROM Customer_360)")]
    [InlineData("SELECT * RENAME (email AS x) FROM Customer_360")]
    [InlineData("SELECT amperity_id AS x FROM Customer_360 UNION ALL SELECT surname FROM Customer_360")]
    public async Task Classify_AQueryHidingAPiiColumnBehindARename_MarksItsColumnsPii(string query)
    {
        var catalog = await CatalogAsync();

        var finding = await catalog.ClassifyAsync(query, ["x"], "store_id", CancellationToken.None);

        finding.Columns.Single().IsPii.ShouldBeTrue();
        finding.Rule.ShouldStartWith("PII by the column rule: x comes from Customer_360.");
    }

    [Fact]
    public async Task Classify_AnIdentifierColumnSentAsEmail_IsPiiByTheAttributeRule()
    {
        var catalog = await CatalogAsync();

        var finding = await catalog.ClassifyAsync("SELECT amperity_id FROM Customer_360", ["amperity_id"], "email", CancellationToken.None);

        finding.Columns.Single().IsPii.ShouldBeFalse();
        finding.AudienceIsPii.ShouldBeTrue();
        finding.Rule.ShouldBe("PII by the attribute rule: email is a personal identifier.");
    }

    [Fact]
    public async Task Classify_ANonPiiAudience_SaysNeitherRuleApplies()
    {
        var catalog = await CatalogAsync();

        var finding = await catalog.ClassifyAsync("SELECT amperity_id FROM Customer_360 WHERE state = 'CA'", ["amperity_id"], "uuid", CancellationToken.None);

        finding.AudienceIsPii.ShouldBeFalse();
        finding.Rule.ShouldBe("Not PII: no column comes from a PII column (Pii_Columns, Herald:Source:PiiColumns), and the attribute uuid is not a personal identifier.");
    }

    [Fact]
    public async Task Classify_AStatementThatIsNotASelect_IsRefusedWithoutRunning()
    {
        var catalog = await CatalogAsync();

        await Should.ThrowAsync<AudienceRejectedException>(() => catalog.ClassifyAsync("DROP TABLE Customer_360", ["x"], null, CancellationToken.None));
    }
}
