namespace Herald.Tests.Storage.Contracts;

/// <summary>
/// What every implementation of Herald's store ports promises, written once. An implementation runs the suite by
/// deriving a class that says how to open a fresh store (SQLite today, PostgreSQL later); each test gets its own, and
/// the derived class removes it (IDisposable) when the test ends.
/// </summary>
public abstract class StoreContract<TStore> : IAsyncLifetime
    where TStore : class
{
    private TStore? _store;

    protected TStore Store => _store ?? throw new InvalidOperationException("The store is opened in InitializeAsync.");

    protected static DateTimeOffset Now { get; } = new(2026, 11, 30, 12, 0, 0, TimeSpan.Zero);

    /// <summary>A new, empty, migrated store.</summary>
    protected abstract Task<TStore> OpenAsync();

    public async Task InitializeAsync() => _store = await OpenAsync();

    public Task DisposeAsync() => Task.CompletedTask;
}
