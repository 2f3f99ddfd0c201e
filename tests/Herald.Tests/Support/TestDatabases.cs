using DuckDB.NET.Data;
using Herald.Sources.DuckDb.Sample;

namespace Herald.Tests.Support;

/// <summary>Customer 360 files for tests: the shared sample, or a small one written for one test.</summary>
public static class TestDatabases
{
    public const int SampleCustomers = 2_000;

    private static readonly Lazy<Task<string>> Sample = new(async () =>
    {
        var directory = Path.Combine(Path.GetTempPath(), "herald-tests", "shared");
        Directory.CreateDirectory(directory);
        var path = Path.Combine(directory, $"sample-{SampleCustomers}-{Environment.ProcessId}.duckdb");
        if (!File.Exists(path))
        {
            await SampleCustomer360.CreateAsync(path, SampleCustomers);
        }
        return path;
    });

    /// <summary>The deterministic sample customer 360 with <see cref="SampleCustomers"/> customers, made once per test run.</summary>
    public static Task<string> SampleAsync() => Sample.Value;

    /// <summary>A DuckDB file made by the given statements.</summary>
    public static string Create(string path, params string[] statements)
    {
        using var connection = new DuckDBConnection($"Data Source={path}");
        connection.Open();
        foreach (var statement in statements)
        {
            using var command = connection.CreateCommand();
            command.CommandText = statement;
            command.ExecuteNonQuery();
        }
        return path;
    }

    public static long Scalar(string path, string sql)
    {
        using var connection = new DuckDBConnection($"Data Source={path};ACCESS_MODE=READ_ONLY");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToInt64(command.ExecuteScalar());
    }
}
