using Herald.Core.Ports;
using Herald.Storage.Sqlite;
using Herald.Tests.Storage.Contracts;

namespace Herald.Tests.Storage.Sqlite;

/// <summary>The segment layout store contract, run against SQLite.</summary>
public sealed class SqliteSegmentLayoutStoreTests : SegmentLayoutStoreContract, IDisposable
{
    private readonly SqliteScratch _scratch = new();

    protected override async Task<ISegmentLayoutStore> OpenAsync() => new SqliteSegmentLayoutStore(await _scratch.MigratedAsync());

    public void Dispose() => _scratch.Dispose();
}
