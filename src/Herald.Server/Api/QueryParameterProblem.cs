using System.Text.RegularExpressions;

namespace Herald.Server.Api;

/// <summary>
/// Says which query-string or route parameter could not be read and what it takes. ASP.NET's own message
/// ('Failed to bind parameter "int? limit" from "99999999999".') names a .NET type, and the generic advice about
/// JSON bodies points the caller at the wrong thing.
/// </summary>
internal static partial class QueryParameterProblem
{
    /// <summary>The caller-facing message, or null when the failure was not a parameter that could not be converted.</summary>
    public static string? Describe(string bindingMessage)
    {
        if (BindingFailure().Match(bindingMessage) is not { Success: true } match)
        {
            return null;
        }
        var name = match.Groups["name"].Value;
        var value = match.Groups["value"].Value;
        var shown = value.Length > 40 ? value[..40] + "…" : value;
        return $"The parameter '{name}' cannot be '{shown}': it takes {WhatItTakes(Underlying(match.Groups["type"].Value))}.";
    }

    /// <summary>'int?' and 'Nullable&lt;int&gt;' alike name an int: an absent parameter is fine, a wrong one is not.</summary>
    private static string Underlying(string type) =>
        type.StartsWith("Nullable<", StringComparison.Ordinal) ? type["Nullable<".Length..].TrimEnd('>') : type.TrimEnd('?');

    private static string WhatItTakes(string type) => type switch
    {
        "int" or "Int32" => $"a whole number from {int.MinValue:N0} to {int.MaxValue:N0}",
        "long" or "Int64" => "a whole number",
        "bool" or "Boolean" => "true or false",
        "Guid" => "an id such as 3f2504e0-4f89-11d3-9a0c-0305e82c3301",
        "DateTimeOffset" or "DateTime" => "a date and time such as 2026-01-31T12:00:00Z",
        "TimeSpan" => "a duration such as 00:30:00",
        _ => $"a value of type {type}",
    };

    [GeneratedRegex("""^Failed to bind parameter "(?<type>[^ "]+) (?<name>[^ "]+)" from "(?<value>.*)"\.?$""", RegexOptions.Singleline)]
    private static partial Regex BindingFailure();
}
