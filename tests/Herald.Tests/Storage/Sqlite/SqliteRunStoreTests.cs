using Herald.Core.Ports;
using Herald.Storage.Sqlite;
using Herald.Tests.Storage.Contracts;

namespace Herald.Tests.Storage.Sqlite;

/// <summary>The run store contract, run against SQLite.</summary>
public sealed class SqliteRunStoreTests : RunStoreContract, IDisposable
{
    private readonly SqliteScratch _scratch = new();

    protected override async Task<IRunStore> OpenAsync() => new SqliteRunStore(await _scratch.MigratedAsync());

    public void Dispose() => _scratch.Dispose();
}
