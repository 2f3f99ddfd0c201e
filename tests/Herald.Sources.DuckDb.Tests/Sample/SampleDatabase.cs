using System.Globalization;
using DuckDB.NET.Data;
using Herald.Sources.DuckDb.Sample;

namespace Herald.Sources.DuckDb.Tests.Sample;

/// <summary>A generated sample customer 360 file in a directory of its own, removed on dispose.</summary>
internal sealed class SampleDatabase : IDisposable
{
    private readonly string _directory;
    private readonly DuckDBConnection _connection;

    private SampleDatabase(string directory, string path, int customers)
    {
        _directory = directory;
        Path = path;
        Customers = customers;
        var connectionString = new DuckDBConnectionStringBuilder { DataSource = path, AccessMode = DuckDBAccessMode.ReadOnly };
        _connection = new DuckDBConnection(connectionString.ConnectionString);
        _connection.Open();
    }

    public string Path { get; }

    public int Customers { get; }

    public static string NewDirectory()
    {
        var directory = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "herald-sample-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(directory);
        return directory;
    }

    public static async Task<SampleDatabase> CreateAsync(int customers)
    {
        var directory = NewDirectory();
        var path = System.IO.Path.Combine(directory, "customer-360.duckdb");
        await SampleCustomer360.CreateAsync(path, customers);
        return new SampleDatabase(directory, path, customers);
    }

    public long Count(string sql) => Convert.ToInt64(Scalar(sql), CultureInfo.InvariantCulture);

    public double Fraction(string sql) => Convert.ToDouble(Scalar(sql), CultureInfo.InvariantCulture);

    public string? Text(string sql) => Scalar(sql) as string;

    public IReadOnlyList<string> Texts(string sql)
    {
        using var command = _connection.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        var values = new List<string>();
        while (reader.Read())
        {
            values.Add(reader.GetString(0));
        }
        return values;
    }

    /// <summary>An md5 of every row in storage order: equal fingerprints mean equal contents in the same order.</summary>
    public string Fingerprint(string table) =>
        Text($"SELECT md5(coalesce(string_agg(t::VARCHAR, chr(10) ORDER BY rowid), '')) FROM {table} AS t")!;

    public void Dispose()
    {
        _connection.Dispose();
        Directory.Delete(_directory, recursive: true);
    }

    private object? Scalar(string sql)
    {
        using var command = _connection.CreateCommand();
        command.CommandText = sql;
        var value = command.ExecuteScalar();
        return value is DBNull ? null : value;
    }
}
