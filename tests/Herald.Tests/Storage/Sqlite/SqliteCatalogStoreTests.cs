using Herald.Core.Ports;
using Herald.Storage.Secrets;
using Herald.Storage.Sqlite;
using Herald.Tests.Storage.Contracts;

namespace Herald.Tests.Storage.Sqlite;

/// <summary>The catalog store contract, run against SQLite.</summary>
public sealed class SqliteCatalogStoreTests : CatalogStoreContract, IDisposable
{
    private readonly SqliteScratch _scratch = new();

    protected override async Task<ICatalogStore> OpenAsync() => new SqliteCatalogStore(await _scratch.MigratedAsync(), new SecretProtector(_scratch.Keys));

    public void Dispose() => _scratch.Dispose();
}
