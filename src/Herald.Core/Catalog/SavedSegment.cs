namespace Herald.Core.Catalog;

/// <summary>
/// A named audience definition over the customer 360: SQL returning one column, <c>amperity_id</c> (the customer 360's
/// key, customer-360.md). Orchestrations send it through a destination by choosing which identifier column of the
/// customer 360 to send, so one segment serves several destinations; a change to the SQL reaches every one of them at
/// its next run.
/// </summary>
/// <param name="Name">Unique among segments; follows <see cref="CatalogRules.CheckCatalogName"/>. Orchestrations refer to it by this name.</param>
/// <param name="Sql">The SELECT, trimmed, as the user wrote it; checked on save to return exactly one column named <c>amperity_id</c>.</param>
public sealed record SavedSegment(Guid Id, string Name, string Sql, string? Description, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt)
{
    /// <summary>The one column a segment's SQL returns: the customer 360's key (customer-360.md).</summary>
    public const string KeyColumn = "amperity_id";

    /// <summary>The longest SQL a segment holds, in characters.</summary>
    public const int MaxSqlLength = 100_000;
}
