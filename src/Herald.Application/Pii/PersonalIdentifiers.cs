namespace Herald.Application.Pii;

/// <summary>
/// Insider One attributes whose values identify a person by themselves: an audience matched on one is personal data
/// whatever its query reads (the attribute rule). Source: Insider One's identifiers, docs/insider-one.md
/// (<c>email</c>, <c>phone_number</c>).
/// </summary>
internal static class PersonalIdentifiers
{
    private static readonly HashSet<string> Attributes = new(["email", "phone_number"], StringComparer.OrdinalIgnoreCase);

    public static bool Contains(string? attributeName) => attributeName is not null && Attributes.Contains(attributeName.Trim());
}
