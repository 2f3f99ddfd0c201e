using System.Text.Encodings.Web;
using System.Text.Json;

namespace Herald.Cli.Client;

/// <summary>The API's JSON shape (web defaults: camelCase), and the same, indented, for <c>--json</c> output.</summary>
internal static class CliJson
{
    public static JsonSerializerOptions Wire { get; } = new(JsonSerializerDefaults.Web);

    /// <summary>Readable in a terminal: apostrophes and accents as themselves, since the output is never embedded in HTML.</summary>
    public static JsonSerializerOptions Printed { get; } = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static string Print<T>(T value) => JsonSerializer.Serialize(value, Printed);
}
