using Herald.InsiderOne;
using Herald.Core.Audiences;
using Herald.Core.Catalog;

namespace Herald.Server.Web;

/// <summary>
/// The destination form's rules, checked as the user types. The same rules (Herald's CatalogRules, the plugin's InsiderOneRules) decide when
/// the form is saved, so the messages cannot drift apart.
/// </summary>
internal static class DestinationRulesEndpoint
{
    public const string Route = "/ui/rules/destination";

    public static IResult Check(string? name, string? segmentName, string? attributeName) => Results.Ok(new
    {
        name = name is null ? null : CatalogRules.CheckCatalogName(name, "destination"),
        segmentName = segmentName is null ? null : InsiderOneRules.CheckSegmentName(segmentName),
        attributeName = attributeName is null ? null : InsiderOneRules.CheckAttributeName(attributeName),
        attributeHint = attributeName is null || InsiderOneRules.CheckAttributeName(attributeName).Count > 0 ? null : AttributeHint(attributeName),
    });

    /// <summary>What Herald checks the values against before sending, for the attribute named.</summary>
    public static string AttributeHint(string attributeName) => KnownAttributes.TypeOf(attributeName) switch
    {
        AttributeType.Email => "Values are checked as email addresses before sending.",
        AttributeType.PhoneNumber => "Values are checked as phone numbers in E.164 form (+905551234567) before sending.",
        AttributeType.CountryCode => "Values are checked as two-letter country codes (TR, DE) before sending.",
        AttributeType.Number => "Values are checked as numbers before sending.",
        AttributeType.Date => "Values are checked as dates (YYYY-MM-DD) before sending.",
        AttributeType.Boolean => "Values are checked as true or false before sending.",
        _ => "A custom attribute: any non-empty text is sent.",
    };
}
