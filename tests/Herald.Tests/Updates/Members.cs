namespace Herald.Tests.Updates;

/// <summary>Audiences of numbered members (<c>member7@example.com</c>), as a query and as the values it returns.</summary>
internal static class Members
{
    /// <summary>Members <paramref name="from"/> (inclusive) to <paramref name="to"/> (exclusive).</summary>
    public static string Query(int from, int to) =>
        $"SELECT 'member' || i || '@example.com' AS email FROM range({from}, {to}) AS t(i)";

    public static string[] Emails(int from, int to) => [.. Enumerable.Range(from, to - from).Select(Email)];

    public static string Email(int i) => $"member{i}@example.com";
}
