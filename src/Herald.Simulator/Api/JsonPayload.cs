using System.Net.Http.Headers;
using System.Text.Json;

namespace Herald.Simulator.Api;

/// <summary>Reads a request body that must be a JSON object of exactly the given non-empty string fields.</summary>
internal static class JsonPayload
{
    /// <returns>The fields by name, or null for anything else: not JSON, not declared JSON, a missing, extra,
    /// repeated, empty or non-string field, or a name in another case (snake_case, PascalCase).</returns>
    public static IReadOnlyDictionary<string, string>? TryReadFields(string? contentType, string? body, params string[] names)
    {
        if (body is null || !IsJson(contentType))
        {
            return null;
        }

        try
        {
            using var document = JsonDocument.Parse(body);
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                return null;
            }

            var fields = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var property in document.RootElement.EnumerateObject())
            {
                if (!names.Contains(property.Name, StringComparer.Ordinal)
                    || property.Value.ValueKind != JsonValueKind.String
                    || property.Value.GetString() is not { Length: > 0 } value
                    || !fields.TryAdd(property.Name, value))
                {
                    return null;
                }
            }

            return fields.Count == names.Length ? fields : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static bool IsJson(string? contentType) =>
        MediaTypeHeaderValue.TryParse(contentType, out var mediaType)
        && string.Equals(mediaType.MediaType, SimulatorAssumptions.RequiredMediaType, StringComparison.OrdinalIgnoreCase);
}
