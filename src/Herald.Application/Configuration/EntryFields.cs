using Herald.Core.Catalog;

namespace Herald.Application.Configuration;

/// <summary>Builds an entry's fields: null ones left out, a plugin's settings one field per member.</summary>
internal static class EntryFields
{
    public static SortedDictionary<string, string> Of(params (string Name, string? Value)[] fields)
    {
        var all = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, value) in fields)
        {
            if (value is not null)
            {
                all[name] = value;
            }
        }
        return all;
    }

    /// <summary>
    /// Each member of the settings as <c>settings.NAME</c>, holding the member's JSON: one changed setting is one changed
    /// field, and a string <c>"true"</c> differs from the switch <c>true</c>.
    /// </summary>
    public static SortedDictionary<string, string> WithSettings(this SortedDictionary<string, string> fields, SettingsDocument settings)
    {
        foreach (var (name, value) in settings.ToJsonObject())
        {
            fields[$"settings.{name}"] = value?.ToJsonString() ?? "null";
        }
        return fields;
    }
}
