using DuckDB.NET.Data;
using Herald.Sources.DuckDb.Sample;

namespace Herald.Sources.DuckDb.Tests.Sample;

public sealed class SampleCustomer360CreationTests
{
    private static readonly string[] Tables =
    [
        "Customer_360", "Unified_Transactions", "Unified_Itemized_Transactions", "Transaction_Attributes_Extended",
        "Pii_Columns",
    ];

    [Fact]
    public async Task CreateAsync_TwiceWithTheSameArguments_WritesTheSameRowsInTheSameOrder()
    {
        using var first = await SampleDatabase.CreateAsync(20_000);
        using var second = await SampleDatabase.CreateAsync(20_000);

        foreach (var table in Tables)
        {
            second.Fingerprint(table).ShouldBe(first.Fingerprint(table), $"{table} differs between two runs");
        }
    }

    [Fact]
    public async Task CreateAsync_WithDifferentCustomerCounts_WritesDifferentData()
    {
        using var smaller = await SampleDatabase.CreateAsync(1_000);
        using var larger = await SampleDatabase.CreateAsync(2_000);

        larger.Fingerprint("Customer_360").ShouldNotBe(smaller.Fingerprint("Customer_360"));
        larger.Count("SELECT count(*) FROM Customer_360").ShouldBe(2_000);
    }

    [Fact]
    public async Task CreateAsync_OverAnExistingFile_ReplacesIt()
    {
        var directory = SampleDatabase.NewDirectory();
        try
        {
            var path = Path.Combine(directory, "customer-360.duckdb");
            await File.WriteAllTextAsync(path, "not a database");
            await File.WriteAllTextAsync(path + ".wal", "not a log");

            await SampleCustomer360.CreateAsync(path, 1_000);

            using var connection = new DuckDBConnection($"Data Source={path}");
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "SELECT count(*) FROM Customer_360";
            command.ExecuteScalar().ShouldBe(1_000L);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public async Task CreateAsync_WithNoCustomers_CreatesEveryTableEmpty()
    {
        using var database = await SampleDatabase.CreateAsync(0);

        foreach (var table in Tables.Where(table => table != "Pii_Columns"))
        {
            database.Count($"SELECT count(*) FROM {table}").ShouldBe(0, table);
        }
    }

    [Fact]
    public async Task CreateAsync_WhenCancelled_StopsAndLeavesNoFile()
    {
        var directory = SampleDatabase.NewDirectory();
        try
        {
            var path = Path.Combine(directory, "customer-360.duckdb");
            using var cancellation = new CancellationTokenSource(TimeSpan.FromMilliseconds(100));

            await Should.ThrowAsync<OperationCanceledException>(() => SampleCustomer360.CreateAsync(path, 100_000, cancellation.Token));

            Directory.EnumerateFileSystemEntries(directory).ShouldBeEmpty();
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public async Task CreateAsync_WithANegativeCustomerCount_IsRefused()
    {
        await Should.ThrowAsync<ArgumentOutOfRangeException>(() => SampleCustomer360.CreateAsync("unused.duckdb", -1));
    }
}
