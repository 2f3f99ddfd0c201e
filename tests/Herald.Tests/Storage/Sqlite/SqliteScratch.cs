using Herald.Core.Ports;
using Herald.Storage.Secrets;
using Herald.Storage.Sqlite;
using Herald.Tests.Support;

namespace Herald.Tests.Storage.Sqlite;

/// <summary>A SQLite database in a scratch folder, with its key ring beside it; removed when disposed.</summary>
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
