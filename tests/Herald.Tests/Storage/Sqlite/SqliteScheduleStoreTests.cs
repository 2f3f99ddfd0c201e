using Herald.Core.Ports;
using Herald.Storage.Sqlite;
using Herald.Tests.Storage.Contracts;

namespace Herald.Tests.Storage.Sqlite;

/// <summary>The schedule store contract, run against SQLite.</summary>
public sealed class SqliteScheduleStoreTests : ScheduleStoreContract, IDisposable
{
    private readonly SqliteScratch _scratch = new();

    protected override async Task<IScheduleStore> OpenAsync() => new SqliteScheduleStore(await _scratch.MigratedAsync());

    public void Dispose() => _scratch.Dispose();
}
