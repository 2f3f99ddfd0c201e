namespace Herald.Application.UseCases;

/// <summary>What users type as a description: trimmed, and nothing when it is only spaces.</summary>
internal static class Descriptions
{
    public static string? Clean(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}
