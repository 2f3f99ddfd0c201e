using System.Globalization;
using DuckDB.NET.Data;

namespace Herald.Sources.DuckDb.Sample;

/// <summary>
/// Herald's embedded customer 360: a DuckDB file with the tables of <c>customer-360.md</c>, filled with
/// generated customers and purchases that are realistic, messy and the same on every run.
/// </summary>
/// <remarks>
/// Rows are generated inside DuckDB by the SQL scripts beside this class (embedded resources), from
/// <c>range(customers)</c> and <c>hash()</c>, so no row passes through .NET and millions of customers
/// fit in a bounded amount of memory. The scripts document the shares of messy values and the rules
/// behind the transaction attributes.
/// </remarks>
public static class SampleCustomer360
{
    // DuckDB spills what does not fit to the temporary directory; the attribute buckets below bound what
    // it cannot spill.
    private const string MemoryLimit = "1GB";

    // Transaction attributes are aggregated over text, whose state DuckDB keeps in memory; a million
    // customers (half of them buyers) fit comfortably within the limit.
    private const int CustomersPerAttributeBucket = 1_000_000;

    /// <summary>Column names of Customer_360 that hold personal data (PII).</summary>
    public static IReadOnlyList<string> PiiColumns { get; } =
        ["given_name", "surname", "email", "phone", "address", "city", "state", "postal", "birthdate", "gender"];

    /// <summary>
    /// Creates (overwrites) a DuckDB database file at <paramref name="databasePath"/> holding the customer 360
    /// tables filled with deterministic, realistic, messy sample data for <paramref name="customers"/> customers.
    /// Same arguments → same data, byte-for-byte query results.
    /// </summary>
    /// <remarks>
    /// Tables: Customer_360, Unified_Transactions, Unified_Itemized_Transactions,
    /// Transaction_Attributes_Extended and Pii_Columns. If generation fails or is cancelled, no file is left.
    /// </remarks>
    public static Task CreateAsync(string databasePath, int customers = 10_000, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(databasePath);
        ArgumentOutOfRangeException.ThrowIfNegative(customers);

        var fullPath = Path.GetFullPath(databasePath);
        // DuckDB's API blocks; generating millions of customers takes minutes, which must not hold the caller's thread.
        return Task.Run(() => Create(fullPath, customers, cancellationToken), cancellationToken);
    }

    private static void Create(string databasePath, int customers, CancellationToken cancellationToken)
    {
        // The folder first: deleting an old file in a folder that does not exist yet would throw.
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(databasePath))!);
        DeleteDatabase(databasePath);
        try
        {
            using (var connection = Open(databasePath))
            {
                var buckets = Math.Max(1, (customers - 1) / CustomersPerAttributeBucket + 1);
                Execute(connection, $"SET VARIABLE sample_customers = {Invariant(customers)}; SET VARIABLE sample_buckets = {Invariant(buckets)}", cancellationToken);
                Execute(connection, ReadScript("Generators.sql"), cancellationToken);
                Execute(connection, ReadScript("Transactions.sql"), cancellationToken);
                Execute(connection, ReadScript("TransactionAttributes.sql"), cancellationToken);
                var bucketScript = ReadScript("TransactionAttributesBucket.sql");
                for (var bucket = 0; bucket < buckets; bucket++)
                {
                    Execute(connection, $"SET VARIABLE sample_bucket = {Invariant(bucket)}", cancellationToken);
                    Execute(connection, bucketScript, cancellationToken);
                }
                Execute(connection, ReadScript("Customer360.sql"), cancellationToken);
                WritePiiColumns(connection, cancellationToken);
            }
            DeleteTemporaryDirectory(databasePath);
        }
        catch
        {
            // A half-built file would pass for a sample with missing tables.
            DeleteDatabase(databasePath);
            throw;
        }
    }

    private static DuckDBConnection Open(string databasePath)
    {
        var connectionString = new DuckDBConnectionStringBuilder
        {
            DataSource = databasePath,
            MemoryLimit = MemoryLimit,
            TempDirectory = TemporaryDirectory(databasePath),
        };
        var connection = new DuckDBConnection(connectionString.ConnectionString);
        connection.Open();
        return connection;
    }

    private static void Execute(DuckDBConnection connection, string sql, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        using (cancellationToken.Register(command.Cancel))
        {
            try
            {
                command.ExecuteNonQuery();
            }
            catch (DuckDBException) when (cancellationToken.IsCancellationRequested)
            {
                throw new OperationCanceledException(cancellationToken);
            }
        }
        // DuckDB forgets an interrupt that arrives before a statement starts; this catches that one.
        cancellationToken.ThrowIfCancellationRequested();
    }

    private static void WritePiiColumns(DuckDBConnection connection, CancellationToken cancellationToken)
    {
        Execute(connection, "CREATE TABLE Pii_Columns (table_name VARCHAR NOT NULL, column_name VARCHAR NOT NULL)", cancellationToken);
        using var appender = connection.CreateAppender("Pii_Columns");
        foreach (var column in PiiColumns)
        {
            appender.CreateRow().AppendValue("Customer_360").AppendValue(column).EndRow();
        }
    }

    private static string ReadScript(string name)
    {
        var resource = $"{typeof(SampleCustomer360).Namespace}.{name}";
        using var stream = typeof(SampleCustomer360).Assembly.GetManifestResourceStream(resource)
            ?? throw new InvalidOperationException($"The sample script {resource} is not embedded in {typeof(SampleCustomer360).Assembly.GetName().Name}.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    private static string Invariant(int value) => value.ToString(CultureInfo.InvariantCulture);

    private static string TemporaryDirectory(string databasePath) => databasePath + ".tmp";

    private static void DeleteDatabase(string databasePath)
    {
        File.Delete(databasePath);
        File.Delete(databasePath + ".wal");
        DeleteTemporaryDirectory(databasePath);
    }

    private static void DeleteTemporaryDirectory(string databasePath)
    {
        var directory = TemporaryDirectory(databasePath);
        if (Directory.Exists(directory))
        {
            Directory.Delete(directory, recursive: true);
        }
    }
}
