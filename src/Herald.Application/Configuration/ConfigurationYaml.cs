// Over 250 lines on purpose: the configuration file's one reader and one writer, side by side, so that the shape read
// is the shape written (export, apply on another installation, export again gives the same file).
using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Herald.Core.Catalog;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;
using YamlDotNet.RepresentationModel;

namespace Herald.Application.Configuration;

/// <summary>
/// The configuration file (<c>herald config export</c> / <c>apply</c>) as YAML: <c>version: 1</c>, then
/// <c>credentials</c>, <c>destinations</c>, <c>schedules</c>, <c>orchestrations</c> and (when there are some) <c>segments</c>, each a
/// list of entries by name. The file is
/// hostile input: anchors and aliases (the "billion laughs"), tags, more than one document and nesting deeper than
/// <see cref="MaxDepth"/> are refused before the file is loaded, and an unknown key is named with its line.
/// </summary>
public static partial class ConfigurationYaml
{
    /// <summary>The deepest nesting of lists and mappings read; a plugin's settings are nested 8 deep at most.</summary>
    public const int MaxDepth = 16;

    private const string Header = "# Herald's configuration: credentials (never their secrets), destinations, orchestrations, their schedules and saved segments.\n";

    private static readonly string[] TopKeys = ["version", "credentials", "destinations", "schedules", "orchestrations", "segments"];
    private static readonly string[] CredentialKeys = ["name", "plugin", "description", "settings"];
    private static readonly string[] DestinationKeys = ["name", "credential", "description", "adminOnly", "piiAllowed", "settings"];
    private static readonly string[] OrchestrationKeys = ["name", "destination", "description", "allowEmpty", "query", "segment", "identifierColumn"];
    private static readonly string[] ScheduleKeys = ["name", "cron", "timeZone", "after", "paused"];
    private static readonly string[] SegmentKeys = ["name", "description", "sql"];

    /// <summary>The file of <paramref name="document"/>: the same document always gives the same text, entries in name order.</summary>
    public static string Write(CatalogDocument document)
    {
        var root = new YamlMappingNode { { "version", Plain(CatalogDocument.FormatVersion.ToString(CultureInfo.InvariantCulture)) } };
        root.Add("credentials", new YamlSequenceNode(ByName(document.Credentials).Select(c => (YamlNode)Mapping(
            ("name", Text(c.Name)), ("plugin", Text(c.Plugin)), ("description", OptionalText(c.Description)), ("settings", Settings(c.Settings))))));
        root.Add("destinations", new YamlSequenceNode(ByName(document.Destinations).Select(d => (YamlNode)Mapping(
            ("name", Text(d.Name)), ("credential", Text(d.Credential)), ("description", OptionalText(d.Description)),
            ("adminOnly", Plain(d.AdminOnly ? "true" : "false")), ("piiAllowed", Plain(d.PiiAllowed ? "true" : "false")), ("settings", Settings(d.Settings))))));
        // Schedules come before the orchestrations they name, so the orchestrations stay the last list of a file without saved
        // segments: an orchestration appended at the end of such an exported file still lands in it.
        root.Add("schedules", new YamlSequenceNode(ByName(document.Schedules ?? []).Select(s => (YamlNode)Mapping(
            ("name", Text(s.Name)), ("cron", OptionalText(s.Cron)), ("timeZone", OptionalText(s.TimeZone)), ("after", OptionalText(s.After)),
            ("paused", Plain(s.Paused ? "true" : "false"))))));
        root.Add("orchestrations", new YamlSequenceNode(ByName(document.Orchestrations).Select(o => (YamlNode)Mapping(
            ("name", Text(o.Name)), ("destination", Text(o.Destination)), ("description", OptionalText(o.Description)),
            ("allowEmpty", Plain(o.AllowEmpty ? "true" : "false")), ("query", o.Query.Length == 0 ? null : Query(o.Query)),
            ("segment", OptionalText(o.Segment)), ("identifierColumn", OptionalText(o.IdentifierColumn))))));
        // Written only when there are some, so that the file of a catalog without saved segments reads as before they existed.
        if (document.Segments.Count > 0)
        {
            root.Add("segments", new YamlSequenceNode(ByName(document.Segments).Select(g => (YamlNode)Mapping(
                ("name", Text(g.Name)), ("description", OptionalText(g.Description)), ("sql", Query(g.Sql))))));
        }
        using var writer = new StringWriter(CultureInfo.InvariantCulture) { NewLine = "\n" };
        writer.Write(Header);
        // Lists indented under their key, as people write them; lines never folded, so a change is one line of a diff.
        var emitter = new Emitter(writer, new EmitterSettings().WithIndentedSequences().WithBestWidth(int.MaxValue).WithNewLine("\n"));
        new YamlStream(new YamlDocument(root)).Save(emitter, assignAnchors: false);
        // YamlDotNet ends a document with "...": a file that ends there is easier to read and to diff without it.
        return writer.ToString().Replace("\n...\n", "\n", StringComparison.Ordinal);
    }

    /// <summary>Reads a file; every problem found is named with its line, so one attempt shows them all.</summary>
    public static ConfigurationFile Read(string text)
    {
        if (FirstStructuralProblem(text) is { } structural)
        {
            return new ConfigurationFile(null, [structural]);
        }
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(text));
        }
        catch (YamlException e)
        {
            return new ConfigurationFile(null, [$"Line {e.Start.Line}: {e.Message}"]);
        }
        var problems = new List<string>();
        if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is not YamlMappingNode root)
        {
            return new ConfigurationFile(null, ["The file is not a configuration: it starts with 'version: 1', then credentials, destinations, schedules, orchestrations and segments."]);
        }
        Keys(root, TopKeys, "the file", problems);
        if (Scalar(root, "version", "the file", problems) is not { } version || version != CatalogDocument.FormatVersion.ToString(CultureInfo.InvariantCulture))
        {
            problems.Add($"Line {root.Start.Line}: the file must say 'version: {CatalogDocument.FormatVersion}' (this server reads that version of the file).");
        }
        var credentials = Entries(root, "credentials", CredentialKeys, problems, (node, what) => new CredentialEntry(
            Name(node, what, problems), Required(node, "plugin", what, problems), SettingsOf(node, what, problems), Scalar(node, "description", what, problems)));
        var destinations = Entries(root, "destinations", DestinationKeys, problems, (node, what) => new DestinationEntry(
            Name(node, what, problems), Required(node, "credential", what, problems), SettingsOf(node, what, problems), Scalar(node, "description", what, problems),
            Switch(node, "adminOnly", what, problems), Switch(node, "piiAllowed", what, problems)));
        var orchestrations = Entries(root, "orchestrations", OrchestrationKeys, problems, (node, what) => OrchestrationOf(node, what, problems));
        // A file without the key (written before schedules were part of it) leaves schedules as they are; an empty list removes them.
        IReadOnlyList<ScheduleEntry>? schedules = root.Children.ContainsKey(new YamlScalarNode("schedules"))
            ? Entries(root, "schedules", ScheduleKeys, problems, (node, what) => new ScheduleEntry(
                Name(node, what, problems), Scalar(node, "cron", what, problems), Scalar(node, "timeZone", what, problems), Scalar(node, "after", what, problems),
                Switch(node, "paused", what, problems)))
            : null;
        var segments = Entries(root, "segments", SegmentKeys, problems, (node, what) => new SegmentEntry(
            Name(node, what, problems), Required(node, "sql", what, problems).Trim(), Scalar(node, "description", what, problems)));
        return problems.Count > 0
            ? new ConfigurationFile(null, problems)
            : new ConfigurationFile(new CatalogDocument(credentials, destinations, orchestrations, schedules) { Segments = segments }, []);
    }

    /// <summary>An orchestration sends its own query, or a saved segment through an identifier column: exactly one of them.</summary>
    private static OrchestrationEntry OrchestrationOf(YamlMappingNode node, string what, List<string> problems)
    {
        var query = Scalar(node, "query", what, problems)?.Trim();
        var segment = Scalar(node, "segment", what, problems)?.Trim();
        var identifierColumn = Scalar(node, "identifierColumn", what, problems)?.Trim();
        if (string.IsNullOrEmpty(query) == string.IsNullOrEmpty(segment))
        {
            problems.Add($"Line {node.Start.Line}: the {what} has {(string.IsNullOrEmpty(query) ? "neither" : "both")} 'query' {(string.IsNullOrEmpty(query) ? "nor" : "and")} 'segment'; give one of them.");
        }
        else if (string.IsNullOrEmpty(segment) == !string.IsNullOrEmpty(identifierColumn))
        {
            problems.Add($"Line {node.Start.Line}: 'identifierColumn' of the {what} goes with 'segment': give both, or neither with a 'query'.");
        }
        return new OrchestrationEntry(Name(node, what, problems), Required(node, "destination", what, problems), query ?? "",
            Switch(node, "allowEmpty", what, problems), Scalar(node, "description", what, problems))
        {
            Segment = string.IsNullOrEmpty(segment) ? null : segment,
            IdentifierColumn = string.IsNullOrEmpty(identifierColumn) ? null : identifierColumn,
        };
    }

    // The event stream is read once before loading: loading would expand aliases and recurse on nesting.
    private static string? FirstStructuralProblem(string text)
    {
        var parser = new Parser(new StringReader(text));
        var depth = 0;
        var documents = 0;
        try
        {
            while (parser.MoveNext())
            {
                var current = parser.Current!;
                switch (current)
                {
                    case AnchorAlias alias:
                        return $"Line {alias.Start.Line}: YAML aliases (*{alias.Value}) are not accepted; write the value out where it is used.";
                    case NodeEvent { Anchor.IsEmpty: false } anchored:
                        return $"Line {anchored.Start.Line}: YAML anchors (&{anchored.Anchor}) are not accepted; write each value out where it is used.";
                    case NodeEvent { Tag.IsEmpty: false, Tag.IsNonSpecific: false } tagged:
                        return $"Line {tagged.Start.Line}: YAML tags ({tagged.Tag}) are not accepted; write plain values.";
                    case DocumentStart:
                        if (++documents > 1)
                        {
                            return $"Line {current.Start.Line}: the file holds more than one YAML document; keep one.";
                        }
                        break;
                    case MappingStart or SequenceStart:
                        if (++depth > MaxDepth)
                        {
                            return $"Line {current.Start.Line}: the file is nested more than {MaxDepth} levels deep.";
                        }
                        break;
                    case MappingEnd or SequenceEnd:
                        depth--;
                        break;
                }
            }
        }
        catch (YamlException e)
        {
            return $"Line {e.Start.Line}: {e.Message}";
        }
        return null;
    }

    private static List<T> Entries<T>(YamlMappingNode root, string key, string[] keys, List<string> problems, Func<YamlMappingNode, string, T> read)
        where T : ICatalogEntry
    {
        var entries = new List<T>();
        if (!root.Children.TryGetValue(new YamlScalarNode(key), out var node) || node is YamlScalarNode { Value: null or "" or "null" or "~" })
        {
            return entries;
        }
        if (node is not YamlSequenceNode list)
        {
            problems.Add($"Line {node.Start.Line}: '{key}' is a list of entries, each starting with '- name: ...'.");
            return entries;
        }
        foreach (var item in list)
        {
            if (item is not YamlMappingNode mapping)
            {
                problems.Add($"Line {item.Start.Line}: each entry of '{key}' is a mapping with {string.Join(", ", keys)}.");
                continue;
            }
            var what = $"{key[..^1]} at line {item.Start.Line}";
            Keys(mapping, keys, what, problems);
            var entry = read(mapping, what);
            if (entries.Any(e => e.Name == entry.Name))
            {
                problems.Add($"Line {item.Start.Line}: the {key[..^1]} '{entry.Name}' is in the file twice; keep one.");
            }
            entries.Add(entry);
        }
        return [.. entries.OrderBy(e => e.Name, StringComparer.Ordinal)];
    }

    private static void Keys(YamlMappingNode mapping, string[] known, string what, List<string> problems)
    {
        foreach (var (key, _) in mapping.Children)
        {
            if (key is not YamlScalarNode { Value: { } name } || !known.Contains(name, StringComparer.Ordinal))
            {
                problems.Add($"Line {key.Start.Line}: unknown key '{(key as YamlScalarNode)?.Value ?? key.ToString()}' in {what}; the keys are {string.Join(", ", known)}.");
            }
        }
    }

    private static string Name(YamlMappingNode node, string what, List<string> problems) => Required(node, "name", what, problems);

    private static string Required(YamlMappingNode node, string key, string what, List<string> problems)
    {
        var value = Scalar(node, key, what, problems);
        if (string.IsNullOrWhiteSpace(value))
        {
            problems.Add($"Line {node.Start.Line}: the {what} has no '{key}'.");
        }
        return value ?? "";
    }

    private static string? Scalar(YamlMappingNode node, string key, string what, List<string> problems)
    {
        if (!node.Children.TryGetValue(new YamlScalarNode(key), out var value))
        {
            return null;
        }
        if (value is not YamlScalarNode scalar)
        {
            problems.Add($"Line {value.Start.Line}: '{key}' of the {what} is one value, not a list or a mapping.");
            return null;
        }
        return scalar.Style == ScalarStyle.Plain && scalar.Value is "null" or "~" or "" ? null : scalar.Value;
    }

    private static bool Switch(YamlMappingNode node, string key, string what, List<string> problems)
    {
        var value = Scalar(node, key, what, problems);
        if (value is null or "false")
        {
            return false;
        }
        if (value == "true")
        {
            return true;
        }
        problems.Add($"Line {node.Start.Line}: '{key}' of the {what} is true or false, not '{value}'.");
        return false;
    }

    private static SettingsDocument SettingsOf(YamlMappingNode node, string what, List<string> problems)
    {
        if (!node.Children.TryGetValue(new YamlScalarNode("settings"), out var value) || value is YamlScalarNode { Style: ScalarStyle.Plain, Value: "" or "null" or "~" })
        {
            return SettingsDocument.Empty;
        }
        if (value is not YamlMappingNode mapping)
        {
            problems.Add($"Line {value.Start.Line}: 'settings' of the {what} is a mapping of the plugin's settings.");
            return SettingsDocument.Empty;
        }
        try
        {
            return SettingsDocument.From((JsonObject)ToJson(mapping)!);
        }
        catch (FormatException e)
        {
            problems.Add($"Line {value.Start.Line}: the settings of the {what} are refused: {e.Message}");
            return SettingsDocument.Empty;
        }
    }

    private static JsonNode? ToJson(YamlNode node) => node switch
    {
        YamlMappingNode mapping => new JsonObject(mapping.Children.Select(c => KeyValuePair.Create(((YamlScalarNode)c.Key).Value ?? "", ToJson(c.Value)))),
        YamlSequenceNode list => new JsonArray([.. list.Select(ToJson)]),
        YamlScalarNode { Style: not ScalarStyle.Plain } quoted => JsonValue.Create(quoted.Value ?? ""),
        YamlScalarNode { Value: null or "" or "null" or "~" } => null,
        YamlScalarNode { Value: "true" } => JsonValue.Create(true),
        YamlScalarNode { Value: "false" } => JsonValue.Create(false),
        YamlScalarNode { Value: { } number } when JsonNumber().IsMatch(number) => JsonNode.Parse(number),
        YamlScalarNode plain => JsonValue.Create(plain.Value),
        _ => null,
    };

    private static YamlNode ToYaml(JsonNode? node) => node switch
    {
        JsonObject settings => new YamlMappingNode(settings.Select(s => KeyValuePair.Create((YamlNode)Text(s.Key), ToYaml(s.Value)))),
        JsonArray list => new YamlSequenceNode(list.Select(ToYaml)),
        null => Plain("null"),
        JsonValue value when value.TryGetValue<string>(out var text) => Text(text),
        JsonValue value => Plain(value.ToJsonString()),
        _ => Plain("null"),
    };

    // Entries are written in name order whatever order they come in, so the same catalog is always the same text.
    private static IEnumerable<T> ByName<T>(IEnumerable<T> entries)
        where T : ICatalogEntry => entries.OrderBy(e => e.Name, StringComparer.Ordinal);

    private static YamlMappingNode Mapping(params (string Key, YamlNode? Value)[] fields) =>
        new(fields.Where(f => f.Value is not null).Select(f => KeyValuePair.Create((YamlNode)Plain(f.Key), f.Value!)));

    private static YamlNode Settings(SettingsDocument settings) => ToYaml(settings.ToJsonObject());

    // A string is written so that it reads back as the same string: plain when it cannot be misread, else in double quotes.
    private static YamlScalarNode Text(string value) =>
        new(value) { Style = SafePlain().IsMatch(value) && value is not ("true" or "false" or "null" or "~") && !JsonNumber().IsMatch(value) ? ScalarStyle.Plain : ScalarStyle.DoubleQuoted };

    private static YamlScalarNode? OptionalText(string? value) => value is null ? null : Text(value);

    // A query of several lines reads best as a literal block; YamlDotNet falls back to quotes where a block cannot hold it.
    private static YamlScalarNode Query(string query) =>
        query.Contains('\n', StringComparison.Ordinal) ? new YamlScalarNode(query) { Style = ScalarStyle.Literal } : Text(query);

    private static YamlScalarNode Plain(string value) => new(value) { Style = ScalarStyle.Plain };

    [GeneratedRegex(@"^-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?$")]
    private static partial Regex JsonNumber();

    // Letters, digits and a few marks, starting with a letter or digit, no ': ' or ' #': reads back as itself.
    [GeneratedRegex(@"^[A-Za-z0-9][A-Za-z0-9 ._/@()+-]*[A-Za-z0-9._/@()+-]$|^[A-Za-z0-9]$")]
    private static partial Regex SafePlain();
}
