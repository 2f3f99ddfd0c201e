namespace Herald.Application.Configuration;

/// <summary>
/// A field both production and a sandbox changed differently since the sandbox's base, with the three values side by
/// side; <see cref="WholeEntry"/> as the field when one side removed the entry and the other changed it.
/// </summary>
public sealed record FieldConflict(string Kind, string Name, string Field, string? Base, string? Production, string? Sandbox)
{
    public const string WholeEntry = "*";

    /// <summary>How a resolution names it: <c>kind/name/field</c>.</summary>
    public string Key => $"{Kind}/{Name}/{Field}";
}
