using System.Text.Json;
using System.Text.Json.Nodes;
using Herald.Core.Catalog;

namespace Herald.InsiderOne;

/// <summary>
/// Reads the members of a settings document that Insider One's plugin knows, noting a problem for a member of the
/// wrong kind and for any member it does not know (a typo would otherwise be kept and silently ignored). A problem's
/// field is the member's name as the forms and requests spell it (<c>segmentName</c> → <c>SegmentName</c>).
/// </summary>
internal sealed class SettingsReader
{
    // A member name is shown back in a problem: cut, so a hostile document cannot fill the message.
    private const int MaxShownName = 40;

    private readonly JsonObject _settings;

    public SettingsReader(SettingsDocument document, params string[] knownMembers)
    {
        _settings = document.ToJsonObject();
        foreach (var (name, _) in _settings)
        {
            if (!knownMembers.Contains(name, StringComparer.Ordinal))
            {
                var shown = name.Length > MaxShownName ? name[..MaxShownName] + "…" : name;
                Problems.Add(new FieldProblem(null,
                    $"The setting '{shown}' is not one Insider One takes; remove it. Insider One's settings are {string.Join(", ", knownMembers.Select(m => $"'{m}'"))}."));
            }
        }
    }

    public List<FieldProblem> Problems { get; } = [];

    /// <summary>The member's text; null when absent or null.</summary>
    public string? Text(string member) => Read(member, [JsonValueKind.String], "text", v => v.GetValue<string>());

    /// <summary>The member's true or false; null when absent or null.</summary>
    public bool? Flag(string member) => Read(member, [JsonValueKind.True, JsonValueKind.False], "true or false", v => (bool?)v.GetValue<bool>());

    /// <summary>The member's number; null when absent or null.</summary>
    public double? Number(string member) => Read(member, [JsonValueKind.Number], "a number", v => (double?)v.GetValue<double>());

    public static string FieldOf(string member) => char.ToUpperInvariant(member[0]) + member[1..];

    private T? Read<T>(string member, JsonValueKind[] kinds, string what, Func<JsonNode, T?> read)
    {
        if (_settings[member] is not { } node)
        {
            return default;
        }
        if (kinds.Contains(node.GetValueKind()))
        {
            return read(node);
        }
        Problems.Add(new FieldProblem(FieldOf(member), $"The setting '{member}' must be {what}."));
        return default;
    }
}
