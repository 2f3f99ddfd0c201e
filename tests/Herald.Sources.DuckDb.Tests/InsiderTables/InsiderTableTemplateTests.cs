using Herald.Core.Audiences;
using Herald.Sources.DuckDb.InsiderTables;
using Herald.Sources.DuckDb.Tests.Sample;

namespace Herald.Sources.DuckDb.Tests.InsiderTables;

/// <summary>
/// The shipped insider_users and insider_events templates over the sample customer 360: they pass their own checks,
/// preview what a user would look at before a sync, and stream every row in key order with an updated_at taken from
/// the data. Edited templates that break a rule are stopped with a message naming the column; hostile SQL never runs.
/// </summary>
[Collection(SampleDatabaseCollection.Name)]
public sealed class InsiderTableTemplateTests(SampleDatabaseFixture fixture) : IDisposable
{
    private readonly string _scratch = SampleDatabase.NewDirectory();

    private SampleDatabase Sample => fixture.Database;

    private DuckDbInsiderTableSource Source => new(new DuckDbSourceOptions
    {
        DatabasePath = Sample.Path,
        AllowedDirectories = [Path.GetDirectoryName(Sample.Path)!],
        TempDirectory = Path.Combine(_scratch, "tmp"),
        Threads = 1,
    });

    [Fact]
    public async Task Users_OverTheSample_OneRowPerCustomerWithValidIdentifiersOnly()
    {
        var check = await Source.CheckAsync(InsiderTableTemplate.Users, CancellationToken.None);

        check.Problems.ShouldBeEmpty();
        check.RowCount.ShouldBe(Sample.Customers);
        check.FirstRows.Count.ShouldBe(DuckDbInsiderTableSource.PreviewRows);
        check.Columns.Select(c => c.Name).ShouldBe(
            ["uuid", "email", "phone_number", "name", "surname", "gender", "birthday", "city", "country", "email_optin",
             "lifetime_revenue", "order_count", "loyalty_tier", "preferred_store_id", "updated_at"]);
        check.Columns.Single(c => c.Name == "updated_at").SnowflakeType.ShouldBe("TIMESTAMP_NTZ");
        check.Columns.Single(c => c.Name == "lifetime_revenue").SnowflakeType.ShouldBe("NUMBER(12,2)");
        check.IdentifierShares["uuid"].ShouldBe(1.0);
        // The sample's emails: 3% null, 2% empty, 2% malformed; the rest are kept, lowercased and trimmed.
        check.IdentifierShares["email"].ShouldBeInRange(0.88, 0.96);
        // Phones: 6% null and 1% with an extension; US formats are rewritten to E.164.
        check.IdentifierShares["phone_number"].ShouldBeInRange(0.85, 0.95);
    }

    [Fact]
    public async Task Events_OverTheSample_OnePurchaseOrReturnPerItemizedRow()
    {
        var check = await Source.CheckAsync(InsiderTableTemplate.Events, CancellationToken.None);

        check.Problems.ShouldBeEmpty();
        check.RowCount.ShouldBe(Sample.Count("SELECT count(*) FROM Unified_Itemized_Transactions WHERE NOT is_cancellation"));
        check.RowCount.ShouldBeGreaterThan(Sample.Customers / 2);
        check.IdentifierShares["uuid"].ShouldBe(1.0);
        var eventName = check.Columns.ToList().FindIndex(c => c.Name == "event_name");
        check.FirstRows.Select(row => row[eventName]).ShouldAllBe(name => name == "purchase" || name == "return");
    }

    [Fact]
    public async Task Rows_StreamInKeyOrder_WithUpdatedAtFromTheData()
    {
        var keys = new List<string>();
        var latestUpdate = DateTime.MinValue;
        await foreach (var row in Source.ReadRowsAsync(InsiderTableTemplate.Users, CancellationToken.None))
        {
            keys.Add((string)row[0]!);
            latestUpdate = (DateTime)row[^1]! > latestUpdate ? (DateTime)row[^1]! : latestUpdate;
        }

        keys.Count.ShouldBe(Sample.Customers);
        keys.ShouldBe(keys.Order(StringComparer.Ordinal).ToList(), "incremental loads need rows in key order");
        keys.Distinct().Count().ShouldBe(keys.Count);
        // Honest: the newest update is the newest order in the data, never the moment of the sync.
        latestUpdate.ShouldBe(DateTime.Parse(Sample.Text("SELECT max(order_datetime)::VARCHAR FROM Unified_Transactions")!,
            System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task AnEditedTemplate_BreakingTheRules_IsStoppedWithEachProblemNamed()
    {
        var mixedCase = InsiderTableTemplate.Users.WithSql(
            "SELECT amperity_id AS uuid, email AS Email, phone AS phone_number, now()::VARCHAR AS updated_at FROM Customer_360");
        var check = await Source.CheckAsync(mixedCase, CancellationToken.None);

        check.CanSync.ShouldBeFalse();
        check.Problems.ShouldContain(p => p.Contains("'Email'"));
        check.Problems.ShouldContain(p => p.Contains("'updated_at'") && p.Contains("TIMESTAMP"));

        var badValues = InsiderTableTemplate.Events.WithSql(
            """
            SELECT 'e' || (i % 3) AS event_id, amperity_id AS uuid, CASE WHEN i % 2 = 0 THEN 'Purchase' ELSE 'add to cart' END AS event_name,
                   TIMESTAMP '2024-01-01' AS "timestamp", CASE WHEN i > 0 THEN TIMESTAMP '2024-01-01' END AS updated_at
            FROM (SELECT amperity_id, row_number() OVER () AS i FROM Customer_360 LIMIT 10)
            """);
        check = await Source.CheckAsync(badValues, CancellationToken.None);

        check.Problems.ShouldContain(p => p.Contains("event_name") && p.Contains("10 values"));
        check.Problems.ShouldContain(p => p.Contains("repeat a event_id"));

        var missing = await Source.CheckAsync(InsiderTableTemplate.Events.WithSql("SELECT amperity_id AS uuid FROM Customer_360"), CancellationToken.None);
        missing.Problems.ShouldContain(p => p.Contains("needs a column 'event_name'"));
        missing.Problems.ShouldContain(p => p.Contains("needs a column 'event_id'"));

        var unpublishable = await Source.CheckAsync(
            InsiderTableTemplate.Users.WithSql("SELECT *, [1, 2] AS tags FROM (" + InsiderTableTemplate.Users.Sql + ")"), CancellationToken.None);
        unpublishable.Problems.ShouldHaveSingleItem().ShouldContain("'tags'");
    }

    [Theory]
    [InlineData("DROP TABLE Customer_360", "read-only")]
    [InlineData("SELECT 1 AS uuid; DELETE FROM Customer_360", "statements")]
    [InlineData("COPY Customer_360 TO 'stolen.csv'", "read-only")]
    [InlineData("SELECT * FROM read_csv('/etc/passwd')", "outside the folders")]
    [InlineData("SELECT * FROM read_parquet('https://example.com/x.parquet')", "outside the folders")]
    public async Task HostileTemplateSql_IsRefusedBeforeAnythingRuns(string sql, string explanation)
    {
        var hostile = InsiderTableTemplate.Users.WithSql(sql);

        (await Should.ThrowAsync<AudienceRejectedException>(() => Source.CheckAsync(hostile, CancellationToken.None)))
            .Message.ShouldContain(explanation);
        await Should.ThrowAsync<AudienceRejectedException>(async () =>
        {
            await foreach (var _ in Source.ReadRowsAsync(hostile, CancellationToken.None))
            {
            }
        });
        Sample.Count("SELECT count(*) FROM Customer_360").ShouldBe(Sample.Customers);
    }

    public void Dispose() => Directory.Delete(_scratch, recursive: true);
}
