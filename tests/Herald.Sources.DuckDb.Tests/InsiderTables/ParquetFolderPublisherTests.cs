using DuckDB.NET.Data;
using Herald.Core.Audiences;
using Herald.Sources.DuckDb.InsiderTables;
using Herald.Sources.DuckDb.Tests.Sample;

namespace Herald.Sources.DuckDb.Tests.InsiderTables;

/// <summary>
/// The bridge to a local folder: the Insider One tables as Parquet files with a DuckDB file of views over them, read
/// back as a user would; a template failing half-way leaves the previous files readable; bad folders and bad
/// templates write nothing.
/// </summary>
[Collection(SampleDatabaseCollection.Name)]
public sealed class ParquetFolderPublisherTests(SampleDatabaseFixture fixture) : IDisposable
{
    private readonly string _scratch = SampleDatabase.NewDirectory();

    private string Folder => Path.Combine(_scratch, "insider");

    private ParquetFolderPublisher Publisher => new(Options);

    private DuckDbSourceOptions Options => new()
    {
        DatabasePath = fixture.Database.Path,
        AllowedDirectories = [Path.GetDirectoryName(fixture.Database.Path)!],
        TempDirectory = Path.Combine(_scratch, "tmp"),
        Threads = 1,
    };

    [Fact]
    public async Task BothTables_AreWrittenAsParquet_AndReadThroughTheViews()
    {
        var publication = await Publisher.PublishAsync(Folder, InsiderTableTemplate.All, CancellationToken.None);

        publication.Rows["insider_users"].ShouldBe(fixture.Database.Customers);
        var events = fixture.Database.Count("SELECT count(*) FROM Unified_Itemized_Transactions WHERE NOT is_cancellation");
        publication.Rows["insider_events"].ShouldBe(events);
        Directory.GetFiles(Folder).Select(Path.GetFileName).Order().ShouldBe(["insider.duckdb", "insider_events.parquet", "insider_users.parquet"]);
        Count(publication.ViewDatabase, "SELECT count(*) FROM insider_users").ShouldBe(fixture.Database.Customers);
        Count(publication.ViewDatabase, "SELECT count(*) FROM insider_events WHERE event_name = 'return'")
            .ShouldBe(fixture.Database.Count("SELECT count(*) FROM Unified_Itemized_Transactions WHERE is_return"));
        Count(publication.ViewDatabase,
            "SELECT count(*) FROM insider_users u JOIN insider_events e USING (uuid)").ShouldBe(events, "every event belongs to a user of the table");
    }

    [Fact]
    public async Task AFailureHalfWay_LeavesThePreviousVersionReadable()
    {
        await Publisher.PublishAsync(Folder, [InsiderTableTemplate.Users], CancellationToken.None);

        // Passes the checks (they read the first rows and aggregates) but fails when every row is written.
        var failing = InsiderTableTemplate.Users.WithSql(
            "SELECT * REPLACE (CASE WHEN uuid = (SELECT max(amperity_id) FROM Customer_360) THEN error('source went away') ELSE city END AS city) FROM (" +
            InsiderTableTemplate.Users.Sql + ")");
        (await new DuckDbInsiderTableSource(Options).CheckAsync(failing, CancellationToken.None)).CanSync.ShouldBeTrue("the failure comes while writing");
        var failure = await Should.ThrowAsync<AudienceRejectedException>(() => Publisher.PublishAsync(Folder, [failing], CancellationToken.None));

        failure.Message.ShouldContain("source went away");
        Count(Path.Combine(Folder, ParquetFolderPublisher.ViewDatabaseName), "SELECT count(*) FROM insider_users").ShouldBe(fixture.Database.Customers);
        Directory.GetFiles(Folder, "*.partial").ShouldBeEmpty();
    }

    [Fact]
    public async Task BadFoldersAndBadTemplates_WriteNothing()
    {
        (await Should.ThrowAsync<AudienceRejectedException>(() => Publisher.PublishAsync("relative/folder", InsiderTableTemplate.All, CancellationToken.None)))
            .Message.ShouldContain("absolute");
        (await Should.ThrowAsync<AudienceRejectedException>(() => Publisher.PublishAsync(
            Folder, [InsiderTableTemplate.Users with { Name = "../../escape" }], CancellationToken.None))).Message.ShouldContain("not valid");
        var noKey = InsiderTableTemplate.Users.WithSql("SELECT email FROM Customer_360");
        (await Should.ThrowAsync<AudienceRejectedException>(() => Publisher.PublishAsync(Folder, [InsiderTableTemplate.Events, noKey], CancellationToken.None)))
            .Message.ShouldContain("needs a column 'uuid'");

        Directory.Exists(Folder).ShouldBeFalse();
    }

    private static long Count(string database, string sql)
    {
        using var connection = new DuckDBConnection(new DuckDBConnectionStringBuilder { DataSource = database, AccessMode = DuckDBAccessMode.ReadOnly }.ConnectionString);
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToInt64(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }

    public void Dispose() => Directory.Delete(_scratch, recursive: true);
}
