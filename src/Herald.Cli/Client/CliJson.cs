using System.Text.Json;

namespace Herald.Cli.Client;

/// <summary>The API's JSON shape (web defaults: camelCase), and the same, indented, for <c>--json</c> output.</summary>
internal static class CliJson
{
    public static JsonSerializerOptions Wire { get; } = new(JsonSerializerDefaults.Web);

    public static JsonSerializerOptions Printed { get; } = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public static string Print<T>(T value) => JsonSerializer.Serialize(value, Printed);
}
