using System.Text.Json;
using System.Text.Json.Nodes;
using Herald.Core.Catalog;

namespace Herald.Snowflake.Bridges;

/// <summary>
/// A <c>snowflake</c> credential's settings (snowflake.md, "Key-pair authentication"), stored as its settings document
/// <c>{"accountIdentifier", "user", "role", "warehouse"}</c>, optionally with a stage for large tables
/// (<c>"stageName", "stageEndpoint", "stageBucket", "stagePrefix", "stageRegion"</c>); the private key and its passphrase
/// are its secrets, <see cref="PrivateKeySecret"/> and <see cref="PassphraseSecret"/>, and so is the stage's access key
/// (<see cref="StageKeyIdSecret"/>, <see cref="StageSecretKeySecret"/>), each encrypted at rest by the store.
/// </summary>
public sealed record SnowflakeCredentialSettings(string AccountIdentifier, string User, string? Role, string? Warehouse)
{
    public const string PrivateKeySecret = "private-key";
    public const string PassphraseSecret = "private-key-passphrase";
    public const string StageKeyIdSecret = "stage-access-key-id";
    public const string StageSecretKeySecret = "stage-secret-access-key";

    /// <summary>The settings that name a stage; all but <c>stagePrefix</c> are needed once one is given.</summary>
    public static readonly string[] StageMembers = ["stageName", "stageEndpoint", "stageBucket", "stagePrefix", "stageRegion"];

    // After StageMembers: static fields are set in the order they are written.
    private static readonly string[] Members = ["accountIdentifier", "user", "role", "warehouse", .. StageMembers];

    /// <summary>The stage settings as stored (only those given), for <see cref="Stage"/>.</summary>
    public IReadOnlyDictionary<string, string> StageSettings { get; init; } = new Dictionary<string, string>();

    /// <summary>A stage's settings for a new credential's document (nulls left out).</summary>
    public static SettingsDocument Document(
        string? accountIdentifier, string? user, string? role, string? warehouse, string? stageName, string? stageEndpoint, string? stageBucket,
        string? stagePrefix, string? stageRegion)
    {
        var settings = Document(accountIdentifier, user, role, warehouse).ToJsonObject();
        foreach (var (member, value) in StageMembers.Zip(new[] { stageName, stageEndpoint, stageBucket, stagePrefix, stageRegion }))
        {
            if (value is not null)
            {
                settings[member] = value;
            }
        }
        return SettingsDocument.From(settings);
    }

    /// <summary>The stage these settings name with its access key, or null when they name none. Call
    /// <see cref="Publishing.Staging.StageLocation.Problems"/> on it.</summary>
    public Publishing.Staging.StageLocation? Stage(string? accessKeyId, string? secretAccessKey)
    {
        if (StageSettings.Count == 0)
        {
            return null;
        }
        var endpoint = Uri.TryCreate(StageSettings.GetValueOrDefault("stageEndpoint") ?? "", UriKind.Absolute, out var parsed) ? parsed : new Uri("invalid:endpoint");
        return new Publishing.Staging.StageLocation(StageSettings.GetValueOrDefault("stageName") ?? "", endpoint, StageSettings.GetValueOrDefault("stageBucket") ?? "",
            StageSettings.GetValueOrDefault("stagePrefix") ?? "", StageSettings.GetValueOrDefault("stageRegion") ?? "", accessKeyId ?? "", secretAccessKey ?? "");
    }

    /// <summary>The settings document of a new credential (nulls left out).</summary>
    public static SettingsDocument Document(string? accountIdentifier, string? user, string? role, string? warehouse)
    {
        var settings = new JsonObject();
        foreach (var (member, value) in Members.Zip(new[] { accountIdentifier, user, role, warehouse }))
        {
            if (value is not null)
            {
                settings[member] = value;
            }
        }
        return SettingsDocument.From(settings);
    }

    /// <summary>The private key and its passphrase as a credential's secrets; a null one is not given (a change keeps it).</summary>
    public static SecretValues Secrets(string? privateKeyPem, string? passphrase) =>
        new([.. new[] { (PrivateKeySecret, privateKeyPem), (PassphraseSecret, passphrase) }
            .Where(s => s.Item2 is not null).Select(s => new KeyValuePair<string, string>(s.Item1, s.Item2!))]);

    /// <summary>The settings as stored, with a problem for each member that is unknown or not text.</summary>
    public static (SnowflakeCredentialSettings Settings, List<FieldProblem> Problems) Read(SettingsDocument document)
    {
        var problems = new List<FieldProblem>();
        var values = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (var (member, node) in document.ToJsonObject())
        {
            if (!Members.Contains(member))
            {
                problems.Add(new FieldProblem(null, $"A snowflake credential has no setting '{Shorten(member)}'; give {string.Join(", ", Members)}."));
            }
            else if (node is JsonValue value && value.GetValueKind() == JsonValueKind.String)
            {
                values[member] = value.GetValue<string>();
            }
            else if (node is not null)
            {
                problems.Add(new FieldProblem(FieldOf(member), $"'{member}' must be text."));
            }
        }
        return (new SnowflakeCredentialSettings(values.GetValueOrDefault("accountIdentifier") ?? "", values.GetValueOrDefault("user") ?? "",
            values.GetValueOrDefault("role"), values.GetValueOrDefault("warehouse"))
        {
            StageSettings = StageMembers.Where(member => values.GetValueOrDefault(member) is not null).ToDictionary(member => member, member => values[member]!),
        }, problems);
    }

    /// <summary>The field a form or request calls a member: <c>accountIdentifier</c> is <c>AccountIdentifier</c>.</summary>
    public static string FieldOf(string member) => char.ToUpperInvariant(member[0]) + member[1..];

    private static string Shorten(string text) => text.Length <= 40 ? text : text[..40] + "...";
}
