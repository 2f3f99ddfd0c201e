namespace Herald.Core.Audiences;

/// <summary>
/// Kinds of values an attribute takes, as engines write and check them (dates, phone numbers, numbers...). Which
/// attribute of a destination has which kind is the destination plugin's to say (for Insider One: insider-one.md
/// section 5, in Herald.InsiderOne.KnownAttributes).
/// </summary>
public enum AttributeType
{
    /// <summary>Any non-empty text; custom and unknown attributes fall here.</summary>
    Text,
    Email,
    PhoneNumber,
    CountryCode,
    Number,
    Date,
    Boolean,
}
