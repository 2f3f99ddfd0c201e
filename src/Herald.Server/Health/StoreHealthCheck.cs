using Herald.Storage.Sqlite;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Herald.Server.Health;

/// <summary>The store answers and holds Herald's tables (a store file replaced by an empty one does not).</summary>
internal sealed class StoreHealthCheck(SqliteDatabase database) : IHealthCheck
{
    private readonly SharedProbe _probe = new(async cancellationToken =>
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT count(*) FROM sqlite_master WHERE type = 'table'";
        var tables = Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken));
        return tables > 0 ? HealthCheckResult.Healthy() : HealthCheckResult.Unhealthy("The store has no tables: its file was replaced.");
    });

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) => _probe.RunAsync();
}
