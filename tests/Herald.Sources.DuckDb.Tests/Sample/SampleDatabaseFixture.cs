namespace Herald.Sources.DuckDb.Tests.Sample;

/// <summary>One sample file shared by the tests that only read it, because generating it takes seconds.</summary>
public sealed class SampleDatabaseFixture : IAsyncLifetime
{
    public const int Customers = 50_000;

    private SampleDatabase? _database;

    internal SampleDatabase Database => _database ?? throw new InvalidOperationException("The sample database is created in InitializeAsync.");

    public async Task InitializeAsync() => _database = await SampleDatabase.CreateAsync(Customers);

    public Task DisposeAsync()
    {
        _database?.Dispose();
        return Task.CompletedTask;
    }
}

[CollectionDefinition(Name)]
public sealed class SampleDatabaseCollection : ICollectionFixture<SampleDatabaseFixture>
{
    public const string Name = "Sample customer 360";
}
