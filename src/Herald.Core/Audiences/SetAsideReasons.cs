namespace Herald.Core.Audiences;

/// <summary>
/// Why a value was kept out of the file. The names are stable: they appear in the API, the CLI's JSON
/// and the run history, and users alert on them.
/// </summary>
public static class SetAsideReasons
{
    /// <summary>A one-column CSV cannot carry a line break inside a value.</summary>
    public const string LineBreak = "line_break";

    /// <summary>A comma would split the value into two columns for a one-column reader.</summary>
    public const string Comma = "comma";

    /// <summary>A double quote would start a quoted field for a CSV reader.</summary>
    public const string Quote = "quote";

    /// <summary>A control character (tab, NUL, escape ...) inside a value: no attribute means it, and readers differ on it.</summary>
    public const string ControlCharacter = "control_character";

    /// <summary>A number with a fraction (or too large to be exact) from a float or decimal column, for an attribute that is not a number.</summary>
    public const string FractionalNumber = "fractional_number";

    /// <summary>A sendable value past a test send's sample size: the test sends exactly the number of values asked for.</summary>
    public const string BeyondSample = "beyond_sample";

    public const string InvalidEmail = "invalid_email";
    public const string InvalidPhoneNumber = "invalid_phone_number";
    public const string InvalidCountryCode = "invalid_country_code";
    public const string InvalidNumber = "invalid_number";
    public const string InvalidDate = "invalid_date";
    public const string InvalidBoolean = "invalid_boolean";
    public const string InvalidValue = "invalid_value";
}
