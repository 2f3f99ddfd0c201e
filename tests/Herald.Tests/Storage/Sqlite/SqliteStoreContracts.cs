using Herald.Core.Ports;
using Herald.Storage.Secrets;
using Herald.Storage.Sqlite;
using Herald.Tests.Storage.Contracts;
using Herald.Tests.Support;

namespace Herald.Tests.Storage.Sqlite;

/// <summary>A fresh, migrated SQLite database in a scratch folder, with its key ring beside it.</summary>
internal sealed class SqliteScratch : IDisposable
{
    private readonly TestDirectory _directory = new("sqlite-store");

    public SqliteDatabase Database => new(_directory.File("herald.db"));

    public IKeyRing Keys => new DirectoryKeyRing(_directory.Path);

    public async Task<SqliteDatabase> MigratedAsync()
    {
        var database = Database;
        await database.MigrateAsync(default);
        return database;
    }

    public void Dispose() => _directory.Dispose();
}

public sealed class SqliteCatalogStoreTests : CatalogStoreContract
{
    private readonly SqliteScratch _scratch = new();

    protected override async Task<ICatalogStore> OpenAsync() => new SqliteCatalogStore(await _scratch.MigratedAsync(), new SecretProtector(_scratch.Keys));

    protected override Task CloseAsync()
    {
        _scratch.Dispose();
        return Task.CompletedTask;
    }
}

public sealed class SqliteRunStoreTests : RunStoreContract
{
    private readonly SqliteScratch _scratch = new();

    protected override async Task<IRunStore> OpenAsync() => new SqliteRunStore(await _scratch.MigratedAsync());

    protected override Task CloseAsync()
    {
        _scratch.Dispose();
        return Task.CompletedTask;
    }
}

public sealed class SqliteSegmentLayoutStoreTests : SegmentLayoutStoreContract
{
    private readonly SqliteScratch _scratch = new();

    protected override async Task<ISegmentLayoutStore> OpenAsync() => new SqliteSegmentLayoutStore(await _scratch.MigratedAsync());

    protected override Task CloseAsync()
    {
        _scratch.Dispose();
        return Task.CompletedTask;
    }
}
