namespace Herald.InsiderOne;

/// <summary>The value types Insider One checks attribute values against (insider-one.md section 5).</summary>
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
