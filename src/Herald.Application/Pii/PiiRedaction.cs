using System.Text.RegularExpressions;

namespace Herald.Application.Pii;

/// <summary>
/// How Herald hides personal data from a caller whose policy restricts it (no <c>pii:view</c>): every hidden value is the
/// same <see cref="Hidden"/> mark, whatever its length or first characters, and the answer says why in a sentence.
/// </summary>
internal static partial class PiiRedaction
{
    /// <summary>What a hidden value shows: the same for every value (no length, no prefix, not even whether it was empty).</summary>
    public const string Hidden = "•••";

    /// <summary>The sentence beside hidden values, naming what was hidden, such as "Values of Customer_360.email are hidden: ...".</summary>
    public static string Sentence(IEnumerable<string> what) =>
        $"Values of {string.Join(", ", what.Distinct(StringComparer.OrdinalIgnoreCase))} are hidden: your policy restricts personal data (PII).";

    /// <summary>
    /// <paramref name="text"/> (an error or a reason that may quote values, as DuckDB's and Insider One's messages do) with
    /// every single-quoted fragment replaced by <see cref="Hidden"/>, except the names in <paramref name="keep"/> (a
    /// segment's or destination's own name), which identify nothing about a person.
    /// </summary>
    public static string QuotedValuesHidden(string text, IEnumerable<string>? keep = null)
    {
        var kept = new HashSet<string>((keep ?? []).Where(k => !string.IsNullOrEmpty(k)), StringComparer.Ordinal);
        return Quoted().Replace(text, match => kept.Contains(match.Groups[1].Value) ? match.Value : $"'{Hidden}'");
    }

    // 'text' with SQL's doubled quote ('') inside it; a quote never closed hides the rest of the text.
    [GeneratedRegex("'((?:[^']|'')*)(?:'|$)", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    private static partial Regex Quoted();
}
