namespace Herald.Core.Audiences;

/// <summary>
/// How Herald rewrote a value it sent, beyond trimming blanks. The names are stable: they appear in the API, the
/// CLI's JSON and the run history next to the set-aside reasons.
/// </summary>
public static class NormalizedKinds
{
    /// <summary>A phone number written with spaces, brackets, dots or dashes, sent without them (E.164).</summary>
    public const string PhonePunctuation = "phone_punctuation";

    /// <summary>A whole number of a float or decimal column, sent as the integer it is (<c>42</c>, not <c>42.0</c>).</summary>
    public const string WholeNumber = "whole_number";

    /// <summary>A timestamp at midnight for a date attribute, sent as its date.</summary>
    public const string MidnightTimestamp = "midnight_timestamp";
}
