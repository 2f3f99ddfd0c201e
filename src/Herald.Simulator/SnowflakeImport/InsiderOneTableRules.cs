using System.Text.RegularExpressions;

namespace Herald.Simulator.SnowflakeImport;

/// <summary>
/// The rules Insider One applies to the rows of an imported user or event table (customer-360.md, "Insider One
/// tables"; insider-one.md on identifiers): a user needs its <c>uuid</c>, an <c>email</c> trimmed, lowercase and valid or
/// null, a <c>phone_number</c> in E.164 or null; an event needs the <c>uuid</c> of its user, an <c>event_name</c> matching
/// <c>^[a-z0-9][a-zA-Z0-9._-]*$</c> and a <c>timestamp</c>; both need <c>updated_at</c> for incremental imports. Column
/// names are all lowercase or all uppercase. Written from those documents, independently of Herald's own checks.
/// </summary>
internal static partial class InsiderOneTableRules
{
    public static readonly string[] UserColumns = ["uuid", "updated_at"];
    public static readonly string[] EventColumns = ["uuid", "event_name", "timestamp", "updated_at"];

    /// <summary>Why the table cannot be imported at all (names of mixed case, a required column missing), or null.</summary>
    public static string? TableProblem(IReadOnlyList<string> columns, IReadOnlyList<string> required)
    {
        var lettered = columns.Where(column => column.Any(char.IsLetter)).ToList();
        if (lettered.Any(column => column != column.ToLowerInvariant()) && lettered.Any(column => column != column.ToUpperInvariant()))
        {
            return "column names mix lowercase and uppercase; Insider One maps tables whose names are all lowercase or all uppercase.";
        }

        var missing = required.Where(name => !columns.Contains(name, StringComparer.OrdinalIgnoreCase)).ToList();
        return missing.Count == 0 ? null : $"required column(s) missing: {string.Join(", ", missing)}.";
    }

    /// <summary>Why Insider One refuses this user row, or null when it is accepted.</summary>
    public static string? UserProblem(Func<string, string?> cell)
    {
        if (string.IsNullOrWhiteSpace(cell("uuid")))
        {
            return "uuid is missing";
        }

        if (cell("updated_at") is null)
        {
            return "updated_at is missing";
        }

        if (cell("email") is { } email && !Email().IsMatch(email))
        {
            return "email is not a valid, trimmed, lowercase address";
        }

        return cell("phone_number") is { } phone && !Phone().IsMatch(phone) ? "phone_number is not in E.164 form" : null;
    }

    /// <summary>Why Insider One refuses this event row, or null when it is accepted.</summary>
    public static string? EventProblem(Func<string, string?> cell)
    {
        if (string.IsNullOrWhiteSpace(cell("uuid")))
        {
            return "uuid is missing: an event must name its user";
        }

        if (cell("event_name") is not { } name || !EventName().IsMatch(name))
        {
            return "event_name does not match ^[a-z0-9][a-zA-Z0-9._-]*$";
        }

        if (cell("timestamp") is null)
        {
            return "timestamp is missing";
        }

        return cell("updated_at") is null ? "updated_at is missing" : null;
    }

    [GeneratedRegex("^[a-z0-9][a-zA-Z0-9._-]*$")]
    private static partial Regex EventName();

    [GeneratedRegex(@"^[a-z0-9._%+-]+@[a-z0-9-]+(\.[a-z0-9-]+)*\.[a-z]{2,}$")]
    private static partial Regex Email();

    [GeneratedRegex(@"^\+[1-9][0-9]{6,14}$")]
    private static partial Regex Phone();
}
