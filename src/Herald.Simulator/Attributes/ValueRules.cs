using System.Globalization;
using System.Text.RegularExpressions;

namespace Herald.Simulator.Attributes;

/// <summary>The value checks of insider-one.md section 5, one per data type or format.</summary>
internal static partial class ValueRules
{
    public static bool IsText(string value) => !string.IsNullOrWhiteSpace(value);

    public static bool IsEmail(string value) => EmailPattern().IsMatch(value);

    public static bool IsPhoneNumber(string value) => PhoneNumberPattern().IsMatch(value);

    public static bool IsCountryCode(string value) => CountryCodePattern().IsMatch(value);

    /// <summary>An optional sign, digits with at most one decimal point, at least one digit, at most 28 digits before the point.</summary>
    public static bool IsNumber(string value)
    {
        var digits = value.AsSpan(value.Length > 0 && value[0] is '+' or '-' ? 1 : 0);
        var point = digits.IndexOf('.');
        var whole = point < 0 ? digits : digits[..point];
        var fraction = point < 0 ? [] : digits[(point + 1)..];
        const int MaxWholeDigits = 28;
        return whole.Length + fraction.Length > 0
            && IsDigits(whole) && IsDigits(fraction)
            && whole.TrimStart('0').Length <= MaxWholeDigits;
    }

    /// <summary>
    /// No control character anywhere, and no blank or invisible format character at either end: a value such as
    /// "c@x.com" followed by U+00A0 is not the value the sender meant.
    /// </summary>
    public static bool IsClean(string value)
    {
        foreach (var c in value)
        {
            if (char.IsControl(c))
            {
                return false;
            }
        }

        return value.Length == 0 || (!IsBlankOrFormat(value[0]) && !IsBlankOrFormat(value[^1]));
    }

    private static bool IsBlankOrFormat(char c) =>
        char.IsWhiteSpace(c) || CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.Format;

    private static bool IsDigits(ReadOnlySpan<char> text)
    {
        foreach (var c in text)
        {
            if (c is < '0' or > '9')
            {
                return false;
            }
        }

        return true;
    }

    // Section 5: dates in CSV uploads are YYYY-MM-DD; parsing also rejects impossible days such as 2024-02-30.
    public static bool IsDate(string value) =>
        DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _);

    public static bool IsBoolean(string value) =>
        string.Equals(value, "true", StringComparison.OrdinalIgnoreCase)
        || string.Equals(value, "false", StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// A comma, a quote or a carriage return cannot be read back as one value by a one-column reader (section 2);
    /// a '\r' also gives away a file with "\r\n" line endings, which the contract does not allow.
    /// </summary>
    public static bool FitsOneColumn(string value) => value.AsSpan().IndexOfAny(",\"\r") < 0;

    [GeneratedRegex(@"^.+@.+\..+$", RegexOptions.CultureInvariant)]
    private static partial Regex EmailPattern();

    // E.164.
    [GeneratedRegex(@"^\+[1-9][0-9]{6,14}$", RegexOptions.CultureInvariant)]
    private static partial Regex PhoneNumberPattern();

    // ISO 3166-1 alpha-2 codes are written in capitals.
    [GeneratedRegex(@"^[A-Z]{2}$", RegexOptions.CultureInvariant)]
    private static partial Regex CountryCodePattern();
}
