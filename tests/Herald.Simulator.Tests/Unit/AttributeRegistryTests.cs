using Herald.Simulator.Attributes;

namespace Herald.Simulator.Tests.Unit;

/// <summary>insider-one.md section 5: which values Insider One counts as valid for an attribute.</summary>
public sealed class AttributeRegistryTests
{
    private readonly AttributeRegistry registry = new(new Dictionary<string, string>
    {
        ["store_id"] = "number",
        ["first_order"] = "date",
        ["vip"] = "boolean",
        ["tier"] = "string",
    });

    [Theory]
    [InlineData("email", "ada@example.com", true)]
    [InlineData("email", "ada@example", false)]
    [InlineData("email", "@example.com", false)]
    [InlineData("em", "ada@example.com", true)]
    [InlineData("phone_number", "+905551234567", true)]
    [InlineData("phone_number", "905551234567", false)]
    [InlineData("phone_number", "+05551234567", false)]
    [InlineData("phone_number", "+12345", false)]
    [InlineData("phone_number", "+1234567890123456", false)]
    [InlineData("pn", "+14155550100", true)]
    [InlineData("uuid", "c0a8-01", true)]
    [InlineData("uuid", " ", false)]
    [InlineData("city", "Istanbul", true)]
    [InlineData("country", "TR", true)]
    [InlineData("country", "tr", false)]
    [InlineData("country", "TUR", false)]
    [InlineData("age", "42", true)]
    [InlineData("age", "42.5", true)]
    [InlineData("age", "forty", false)]
    [InlineData("birthday", "1990-04-01", true)]
    [InlineData("birthday", "2023-02-29", false)]
    [InlineData("birthday", "01/04/1990", false)]
    [InlineData("email_optin", "TRUE", true)]
    [InlineData("gdpr_optin", "false", true)]
    [InlineData("sms_optin", "yes", false)]
    [InlineData("whatsapp_optin", "1", false)]
    [InlineData("store_id", "12", true)]
    [InlineData("store_id", "12a", false)]
    [InlineData("first_order", "2024-12-31", true)]
    [InlineData("first_order", "2024-13-01", false)]
    [InlineData("vip", "False", true)]
    [InlineData("vip", "no", false)]
    [InlineData("tier", "gold", true)]
    [InlineData("favourite_colour", "blue", true)]
    [InlineData("favourite_colour", "", false)]
    public void IsValid_FollowsTheAttributeType(string attribute, string value, bool expected)
    {
        registry.IsValid(attribute, value).ShouldBe(expected);
    }

    [Theory]
    [InlineData("uuid", "a,b")]
    [InlineData("name", "say \"hi\"")]
    [InlineData("email", "ada@example.com\r")]
    public void IsValid_RefusesWhatAOneColumnReaderCannotTake(string attribute, string value)
    {
        registry.IsValid(attribute, value).ShouldBeFalse();
    }

    [Theory]
    [InlineData("email", "c@x.com\u00A0")]
    [InlineData("email", "\uFEFFc@x.com")]
    [InlineData("uuid", "\u200Bstore-12")]
    [InlineData("uuid", "store-12\u2028")]
    [InlineData("uuid", "store-12 ")]
    [InlineData("uuid", "\u00A0")]
    [InlineData("uuid", "tab\tinside")]
    [InlineData("uuid", "escape\u001Binside")]
    [InlineData("name", "nel\u0085inside")]
    public void IsValid_RefusesBlanksAndFormatCharactersAroundAValueAndControlCharactersInside(string attribute, string escaped)
    {
        registry.IsValid(attribute, System.Text.RegularExpressions.Regex.Unescape(escaped)).ShouldBeFalse();
    }

    [Theory]
    [InlineData("1e20", false)]
    [InlineData("1E5", false)]
    [InlineData("1,000", false)]
    [InlineData(" 12", false)]
    [InlineData("12.", true)]
    [InlineData(".5", true)]
    [InlineData("-0.25", true)]
    [InlineData("+7", true)]
    [InlineData(".", false)]
    [InlineData("-", false)]
    [InlineData("1.2.3", false)]
    [InlineData("9999999999999999999999999999", true)]
    [InlineData("10000000000000000000000000000", false)]
    [InlineData("00000000000000000000000000000042", true)]
    [InlineData("NaN", false)]
    [InlineData("Infinity", false)]
    public void IsValid_ForANumber_TakesDecimalNotationOnly(string value, bool expected)
    {
        registry.IsValid("age", value).ShouldBe(expected);
    }
}
