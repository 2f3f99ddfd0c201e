using System.Text.Json.Nodes;
using Herald.Core.Catalog;

namespace Herald.InsiderOne;

/// <summary>
/// Insider One's settings of a credential: the account's partner name (insider-one.md section 2), stored as the
/// credential's settings document <c>{"partnerName": ...}</c>. Its one secret is the API token, stored under
/// <see cref="ApiTokenSecret"/>.
/// </summary>
public sealed record InsiderOneCredentialSettings(string PartnerName)
{
    /// <summary>The name the API token is stored under (and bound to, in its encryption).</summary>
    public const string ApiTokenSecret = "api-token";

    internal const string PartnerNameMember = "partnerName";

    /// <summary>The settings of a new credential, or of a change when <paramref name="partnerName"/> is null (the partner name stays).</summary>
    public static SettingsDocument Document(string? partnerName)
    {
        var settings = new JsonObject();
        if (partnerName is not null)
        {
            settings[PartnerNameMember] = partnerName;
        }
        return SettingsDocument.From(settings);
    }

    /// <summary>The API token as the secrets of a credential; none when <paramref name="apiToken"/> is null (the stored token stays).</summary>
    public static SecretValues Secrets(string? apiToken) => SecretValues.Of(ApiTokenSecret, apiToken);

    /// <summary>The settings as stored, for showing; an absent partner name reads as empty.</summary>
    public static InsiderOneCredentialSettings Of(SettingsDocument settings) => Read(settings).Settings;

    internal static (InsiderOneCredentialSettings Settings, IReadOnlyList<FieldProblem> Problems) Read(SettingsDocument document)
    {
        var reader = new SettingsReader(document, PartnerNameMember);
        var partnerName = reader.Text(PartnerNameMember);
        var problems = reader.Problems;
        problems.AddRange(InsiderOneRules.CheckPartnerName(partnerName).Select(m => new FieldProblem(SettingsReader.FieldOf(PartnerNameMember), m)));
        return (new InsiderOneCredentialSettings(partnerName ?? ""), problems);
    }
}
