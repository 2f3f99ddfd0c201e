namespace Herald.Snowflake.Publishing;

/// <summary>Orders keys as Snowflake's <c>ORDER BY</c> orders text without a collation: by Unicode code point (the
/// order of their UTF-8 bytes), which differs from .NET's ordinal order for characters beyond U+FFFF.</summary>
internal sealed class KeyOrder : IComparer<string>
{
    public static readonly KeyOrder Instance = new();

    public int Compare(string? x, string? y)
    {
        if (ReferenceEquals(x, y)) return 0;
        if (x is null) return -1;
        if (y is null) return 1;
        var left = x.EnumerateRunes();
        var right = y.EnumerateRunes();
        while (true)
        {
            var hasLeft = left.MoveNext();
            var hasRight = right.MoveNext();
            if (!hasLeft || !hasRight)
            {
                return hasLeft ? 1 : hasRight ? -1 : 0;
            }

            var order = left.Current.Value.CompareTo(right.Current.Value);
            if (order != 0)
            {
                return order;
            }
        }
    }
}
