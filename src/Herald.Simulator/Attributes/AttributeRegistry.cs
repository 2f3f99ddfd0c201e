namespace Herald.Simulator.Attributes;

/// <summary>Insider One's user attributes and the rule each value must pass (insider-one.md section 5).</summary>
internal sealed class AttributeRegistry
{
    /// <summary>The data types a custom attribute may have (any case).</summary>
    public static readonly IReadOnlyDictionary<string, Func<string, bool>> CustomTypes =
        new Dictionary<string, Func<string, bool>>(StringComparer.OrdinalIgnoreCase)
        {
            ["string"] = ValueRules.IsText,
            ["number"] = ValueRules.IsNumber,
            ["date"] = ValueRules.IsDate,
            ["boolean"] = ValueRules.IsBoolean,
        };

    /// <summary>The default attributes, with their short codes.</summary>
    public static readonly IReadOnlyDictionary<string, Func<string, bool>> DefaultAttributes =
        new Dictionary<string, Func<string, bool>>(StringComparer.Ordinal)
        {
            ["email"] = ValueRules.IsEmail,
            ["em"] = ValueRules.IsEmail,
            ["phone_number"] = ValueRules.IsPhoneNumber,
            ["pn"] = ValueRules.IsPhoneNumber,
            ["uuid"] = ValueRules.IsText,
            ["name"] = ValueRules.IsText,
            ["surname"] = ValueRules.IsText,
            ["gender"] = ValueRules.IsText,
            ["language"] = ValueRules.IsText,
            ["city"] = ValueRules.IsText,
            ["country"] = ValueRules.IsCountryCode,
            ["age"] = ValueRules.IsNumber,
            ["birthday"] = ValueRules.IsDate,
            ["email_optin"] = ValueRules.IsBoolean,
            ["sms_optin"] = ValueRules.IsBoolean,
            ["whatsapp_optin"] = ValueRules.IsBoolean,
            ["gdpr_optin"] = ValueRules.IsBoolean,
        };

    private readonly Dictionary<string, Func<string, bool>> rules;

    /// <param name="customAttributes">Validated already: names do not clash with defaults, types are known.</param>
    public AttributeRegistry(IReadOnlyDictionary<string, string> customAttributes)
    {
        rules = new Dictionary<string, Func<string, bool>>(DefaultAttributes, StringComparer.Ordinal);
        foreach (var (name, type) in customAttributes)
        {
            rules[name] = CustomTypes[type];
        }
    }

    /// <summary>Whether Insider One would count <paramref name="value"/> as valid for the attribute.</summary>
    /// <remarks>An attribute the account does not know is treated as a string: any non-empty value.</remarks>
    public bool IsValid(string attributeName, string value)
    {
        if (!ValueRules.FitsOneColumn(value) || !ValueRules.IsClean(value))
        {
            return false;
        }

        var rule = rules.GetValueOrDefault(attributeName, ValueRules.IsText);
        return rule(value);
    }
}
