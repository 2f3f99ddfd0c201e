using System.Text.Json;
using System.Text.Json.Nodes;

namespace Herald.Core.Catalog;

/// <summary>
/// A plugin's settings of a credential or a destination: one JSON object that the plugin reads and validates
/// (<see cref="Ports.IDestinationPlugin"/>) and Herald stores as it is, so that a new kind of destination brings its
/// own settings without a change to Core or to the store. Equal documents have equal text.
/// </summary>
public sealed class SettingsDocument : IEquatable<SettingsDocument>
{
    /// <summary>The longest document Herald keeps, in characters of JSON: settings are names and switches, not data.</summary>
    public const int MaxLength = 16 * 1024;

    private static readonly JsonDocumentOptions ReadOptions = new() { MaxDepth = 8 };

    private SettingsDocument(string json) => Json = json;

    /// <summary>No settings: <c>{}</c>.</summary>
    public static SettingsDocument Empty { get; } = new("{}");

    /// <summary>The document as compact JSON text, as it is stored.</summary>
    public string Json { get; }

    /// <summary>Reads stored or given JSON text.</summary>
    /// <exception cref="FormatException">The text is not one JSON object, is nested deeper than 8 levels, or is longer than <see cref="MaxLength"/>.</exception>
    public static SettingsDocument Parse(string json)
    {
        if (json.Length > MaxLength)
        {
            throw new FormatException($"The settings are {json.Length:N0} characters long; at most {MaxLength:N0} are kept.");
        }
        try
        {
            return JsonNode.Parse(json, documentOptions: ReadOptions) is JsonObject settings
                ? From(settings)
                : throw new FormatException("The settings are not a JSON object.");
        }
        catch (JsonException e)
        {
            throw new FormatException($"The settings are not JSON: {e.Message}", e);
        }
    }

    /// <summary>A document of <paramref name="settings"/> (copied: changing it later does not change the document).</summary>
    public static SettingsDocument From(JsonObject settings)
    {
        var json = settings.ToJsonString();
        return json.Length > MaxLength
            ? throw new FormatException($"The settings are {json.Length:N0} characters long; at most {MaxLength:N0} are kept.")
            : new SettingsDocument(json);
    }

    /// <summary>A copy to read or change.</summary>
    public JsonObject ToJsonObject() => (JsonObject)JsonNode.Parse(Json)!;

    /// <summary>
    /// The document with <paramref name="patch"/> applied as a JSON merge patch (RFC 7396): a member the patch gives
    /// replaces the stored one, a member the patch sets to null is removed, a member the patch leaves out stays.
    /// </summary>
    public SettingsDocument MergedWith(SettingsDocument patch)
    {
        var merged = ToJsonObject();
        Merge(merged, patch.ToJsonObject());
        return From(merged);
    }

    public bool Equals(SettingsDocument? other) => other is not null && string.Equals(Json, other.Json, StringComparison.Ordinal);

    public override bool Equals(object? obj) => Equals(obj as SettingsDocument);

    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(Json);

    public override string ToString() => Json;

    private static void Merge(JsonObject target, JsonObject patch)
    {
        foreach (var (name, value) in patch.ToList())
        {
            patch.Remove(name);
            if (value is null)
            {
                target.Remove(name);
            }
            else if (value is JsonObject inner && target[name] is JsonObject existing)
            {
                Merge(existing, inner);
            }
            else
            {
                target[name] = value;
            }
        }
    }
}
