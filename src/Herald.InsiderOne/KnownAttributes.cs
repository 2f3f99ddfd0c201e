using Herald.Core.Audiences;

namespace Herald.InsiderOne;

/// <summary>
/// Insider One's default attributes and their types. A value that cannot pass Insider One's own check
/// is set aside before upload, so that the run's counts say why instead of Insider One's "invalid".
/// </summary>
public static class KnownAttributes
{
    private static readonly Dictionary<string, AttributeType> Types = new(StringComparer.Ordinal)
    {
        ["email"] = AttributeType.Email,
        ["em"] = AttributeType.Email,
        ["phone_number"] = AttributeType.PhoneNumber,
        ["pn"] = AttributeType.PhoneNumber,
        ["country"] = AttributeType.CountryCode,
        ["age"] = AttributeType.Number,
        ["birthday"] = AttributeType.Date,
        ["email_optin"] = AttributeType.Boolean,
        ["sms_optin"] = AttributeType.Boolean,
        ["whatsapp_optin"] = AttributeType.Boolean,
        ["gdpr_optin"] = AttributeType.Boolean,
    };

    /// <summary>The rule values of the attribute must pass to be sent; null for any non-empty text.</summary>
    public static ValueRule? RuleOf(string attributeName) =>
        PatternOf(TypeOf(attributeName)) is { } pattern ? new ValueRule(TypeOf(attributeName), pattern, InvalidReasonOf(TypeOf(attributeName))) : null;

    public static AttributeType TypeOf(string attributeName) =>
        Types.TryGetValue(attributeName, out var type) ? type : AttributeType.Text;

    /// <summary>
    /// The regular expression (RE2 syntax, as the engines use it) a value of the type must match in full,
    /// or null when any non-empty text will do.
    /// </summary>
    public static string? PatternOf(AttributeType type) => type switch
    {
        AttributeType.Email => @"^.+@.+\..+$",
        AttributeType.PhoneNumber => @"^\+[1-9][0-9]{6,14}$",
        AttributeType.CountryCode => "^[A-Z]{2}$",
        // Decimal notation only, with at most 28 digits before the point (leading zeros aside): no exponent, no
        // blanks, no thousands separators. The same rule as the simulator's stand-in for Insider One (assumed).
        AttributeType.Number => @"^[+-]?0*([0-9]{1,28}(\.[0-9]*)?|\.[0-9]+)$",
        AttributeType.Date => "^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$",
        AttributeType.Boolean => "^([Tt][Rr][Uu][Ee]|[Ff][Aa][Ll][Ss][Ee])$",
        _ => null,
    };

    /// <summary>The set-aside reason a value gets when it fails its type's pattern.</summary>
    public static string InvalidReasonOf(AttributeType type) => type switch
    {
        AttributeType.Email => SetAsideReasons.InvalidEmail,
        AttributeType.PhoneNumber => SetAsideReasons.InvalidPhoneNumber,
        AttributeType.CountryCode => SetAsideReasons.InvalidCountryCode,
        AttributeType.Number => SetAsideReasons.InvalidNumber,
        AttributeType.Date => SetAsideReasons.InvalidDate,
        AttributeType.Boolean => SetAsideReasons.InvalidBoolean,
        _ => SetAsideReasons.InvalidValue,
    };
}
