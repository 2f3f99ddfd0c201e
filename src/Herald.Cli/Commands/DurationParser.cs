using System.Globalization;
using System.Text.RegularExpressions;

namespace Herald.Cli.Commands;

/// <summary>Reads durations as people write them: <c>200ms</c>, <c>1.5s</c>, <c>2m</c>, <c>1h</c>, or <c>00:00:00.200</c>.</summary>
internal static partial class DurationParser
{
    public static bool TryParse(string text, out TimeSpan duration)
    {
        var match = WithUnit().Match(text.Trim());
        if (match.Success && double.TryParse(match.Groups["value"].Value, NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
        {
            duration = match.Groups["unit"].Value switch
            {
                "ms" => TimeSpan.FromMilliseconds(value),
                "s" => TimeSpan.FromSeconds(value),
                "m" => TimeSpan.FromMinutes(value),
                _ => TimeSpan.FromHours(value),
            };
            return true;
        }
        return TimeSpan.TryParse(text, CultureInfo.InvariantCulture, out duration) && duration >= TimeSpan.Zero;
    }

    [GeneratedRegex(@"^(?<value>\d+(\.\d+)?)\s*(?<unit>ms|s|m|h)$")]
    private static partial Regex WithUnit();
}
