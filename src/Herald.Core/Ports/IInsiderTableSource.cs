using Herald.Core.Bridges;

namespace Herald.Core.Ports;

/// <summary>
/// Builds the Insider One tables in the customer 360: checks a table's SQL against Insider One's rules and streams its
/// rows in key order. The SQL is the user's and hostile: it runs in the source's sandbox.
/// </summary>
public interface IInsiderTableSource
{
    /// <summary>The table's columns, row count and every problem; problems are listed, not thrown.</summary>
    /// <exception cref="BridgeTargetException">The SQL is not one SELECT, fails, or reads outside the sandbox.</exception>
    Task<InsiderTableShape> CheckAsync(BridgeTable table, CancellationToken cancellationToken);

    /// <summary>The table's rows ordered by its key column, values in column order.</summary>
    /// <exception cref="BridgeTargetException">The SQL fails while it is read.</exception>
    IAsyncEnumerable<object?[]> ReadRowsAsync(BridgeTable table, CancellationToken cancellationToken);
}
