using System.Runtime.CompilerServices;
using Herald.Core.Audiences;
using Herald.Core.Bridges;
using Herald.Core.Ports;

namespace Herald.Sources.DuckDb.InsiderTables;

/// <summary>
/// The customer 360 as the source of a bridge's tables: a <see cref="BridgeTable"/> becomes its shipped template, or the
/// template's checks over the user's own SQL, built in DuckDB's sandbox by <see cref="DuckDbInsiderTableSource"/>.
/// </summary>
public sealed class DuckDbInsiderTables(DuckDbSourceOptions options) : IInsiderTableSource
{
    private readonly DuckDbInsiderTableSource source = new(options);

    /// <summary>The template a bridge table stands for.</summary>
    /// <exception cref="BridgeTargetException">The table is not one Herald ships a template for.</exception>
    public static InsiderTableTemplate TemplateOf(BridgeTable table)
    {
        var template = InsiderTableTemplate.All.FirstOrDefault(t => t.Name == table.Name)
            ?? throw new BridgeTargetException(SyncFailureKind.Table, $"No table named '{table.Name}': choose {string.Join(" or ", InsiderTableTemplate.All.Select(t => t.Name))}.");
        return table.Sql is null ? template : template.WithSql(table.Sql);
    }

    public async Task<InsiderTableShape> CheckAsync(BridgeTable table, CancellationToken cancellationToken)
    {
        var template = TemplateOf(table);
        InsiderTableCheck check;
        try
        {
            check = await source.CheckAsync(template, cancellationToken);
        }
        catch (AudienceRejectedException rejected)
        {
            throw new BridgeTargetException(SyncFailureKind.Table, $"{table.Name}: {rejected.Message}", rejected);
        }
        string Spelled(string column) => check.Columns.FirstOrDefault(c => c.Name.Equals(column, StringComparison.OrdinalIgnoreCase))?.Name ?? column;
        return new InsiderTableShape(template.Name,
            [.. check.Columns.Select(column => new InsiderTableShapeColumn(column.Name, column.SnowflakeType ?? column.DuckDbType))],
            Spelled(template.KeyColumn), Spelled(template.UpdatedAtColumn), check.RowCount, check.Problems);
    }

    public async IAsyncEnumerable<object?[]> ReadRowsAsync(BridgeTable table, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var template = TemplateOf(table);
        await using var rows = source.ReadRowsAsync(template, cancellationToken).GetAsyncEnumerator(cancellationToken);
        while (true)
        {
            try
            {
                if (!await rows.MoveNextAsync())
                {
                    yield break;
                }
            }
            catch (AudienceRejectedException rejected)
            {
                throw new BridgeTargetException(SyncFailureKind.Table, $"{table.Name}: {rejected.Message}", rejected);
            }
            yield return rows.Current;
        }
    }
}
