using System.Text.Json;
using Herald.Benchmarks.Support;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;

namespace Herald.Benchmarks.Workers;

/// <summary>
/// The reference for callback intake: the receiver a skilled engineer would write by hand with the same tools
/// (a minimal ASP.NET Core endpoint and SQLite in WAL mode with synchronous=NORMAL, as Herald's store): check the
/// URL's secret, parse the report, and record it and the call in one transaction, one writer at a time.
/// </summary>
internal static class ReferenceReceiver
{
    public const string HealthPath = "health";

    /// <summary>The runs waiting for their report, written before the receiver starts.</summary>
    public static void Prepare(string database, IEnumerable<Guid> runIds)
    {
        using var connection = Open(database);
        using var command = connection.CreateCommand();
        command.CommandText = """
            PRAGMA journal_mode = WAL;
            CREATE TABLE runs (id TEXT PRIMARY KEY, state TEXT NOT NULL, valid INTEGER, invalid INTEGER, total INTEGER, reported_at TEXT);
            CREATE TABLE calls (id INTEGER PRIMARY KEY, run_id TEXT NOT NULL REFERENCES runs(id), at TEXT NOT NULL, body TEXT NOT NULL, outcome TEXT NOT NULL);
            """;
        command.ExecuteNonQuery();
        using var transaction = connection.BeginTransaction();
        command.Transaction = transaction;
        command.CommandText = "INSERT INTO runs (id, state) VALUES ($id, 'awaiting_report')";
        var id = command.Parameters.Add("$id", SqliteType.Text);
        foreach (var runId in runIds)
        {
            id.Value = runId.ToString("N");
            command.ExecuteNonQuery();
        }
        transaction.Commit();
    }

    public static long CountSucceeded(string database)
    {
        using var connection = Open(database);
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT count(*) FROM runs WHERE state = 'succeeded'";
        return (long)command.ExecuteScalar()!;
    }

    public static async Task RunAsync(string database, int port, string keyFile)
    {
        var signer = CallbackSigner.ForKeyFile(keyFile);
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        var app = builder.Build();
        var writer = new SemaphoreSlim(1, 1);

        app.MapGet("/" + HealthPath, () => Results.Ok());
        app.MapPost("/callbacks/{runId}/{secret}", async (string runId, string secret, HttpRequest request, CancellationToken ct) =>
        {
            if (!Guid.TryParseExact(runId, "N", out var id))
            {
                return Results.NotFound();
            }
            if (!signer.Verify(id, secret))
            {
                return Results.StatusCode(StatusCodes.Status403Forbidden);
            }
            using var reader = new StreamReader(request.Body);
            var body = await reader.ReadToEndAsync(ct);
            long valid, invalid, total;
            try
            {
                using var json = JsonDocument.Parse(body);
                valid = json.RootElement.GetProperty("valid_values_count").GetInt64();
                invalid = json.RootElement.GetProperty("invalid_values_count").GetInt64();
                total = json.RootElement.GetProperty("total_entered_values").GetInt64();
            }
            catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException)
            {
                return Results.BadRequest();
            }
            if (valid + invalid != total)
            {
                return Results.BadRequest();
            }

            await writer.WaitAsync(ct);
            try
            {
                await using var connection = Open(database);
                await using var transaction = connection.BeginTransaction();
                await using var command = connection.CreateCommand();
                command.Transaction = transaction;
                command.CommandText = """
                    UPDATE runs SET state = 'succeeded', valid = $valid, invalid = $invalid, total = $total, reported_at = $at
                    WHERE id = $id AND state = 'awaiting_report'
                    """;
                command.Parameters.AddWithValue("$id", runId);
                command.Parameters.AddWithValue("$valid", valid);
                command.Parameters.AddWithValue("$invalid", invalid);
                command.Parameters.AddWithValue("$total", total);
                command.Parameters.AddWithValue("$at", DateTimeOffset.UtcNow.ToString("O"));
                var recorded = await command.ExecuteNonQueryAsync(ct) == 1;
                command.CommandText = "INSERT INTO calls (run_id, at, body, outcome) VALUES ($id, $at, $body, $outcome)";
                command.Parameters.AddWithValue("$body", body);
                command.Parameters.AddWithValue("$outcome", recorded ? "recorded" : "duplicate");
                await command.ExecuteNonQueryAsync(ct);
                await transaction.CommitAsync(ct);
            }
            finally
            {
                writer.Release();
            }
            return Results.Ok(new { status = "succeeded" });
        });
        await app.RunAsync();
    }

    private static SqliteConnection Open(string database)
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = database, Pooling = true }.ToString());
        connection.Open();
        using var pragma = connection.CreateCommand();
        pragma.CommandText = "PRAGMA busy_timeout = 30000; PRAGMA synchronous = NORMAL;";
        pragma.ExecuteNonQuery();
        return connection;
    }
}
