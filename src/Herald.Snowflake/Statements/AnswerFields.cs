using System.Text.Json;
using System.Text.RegularExpressions;

namespace Herald.Snowflake.Statements;

/// <summary>Reads single fields of Snowflake's answers, trusting none of them: handles must look like handles (they go
/// into URLs), messages are cut short and stripped of control characters (they go into Herald's messages).</summary>
internal static partial class AnswerFields
{
    private const int LongestMessage = 500;

    public static string? Text(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    public static int? Int(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var n) ? n : null;

    public static string? Handle(JsonElement root) => Text(root, "statementHandle") is { } handle ? CheckedHandle(handle) : null;

    /// <exception cref="FormatException">The handle could not be one of Snowflake's (they are UUID-like).</exception>
    public static string CheckedHandle(string? handle) =>
        handle is not null && HandleShape().IsMatch(handle) ? handle : throw new FormatException("the answer's statementHandle is not a statement handle");

    /// <summary>Snowflake's message made safe to show: one line, printable, at most 500 characters.</summary>
    public static string Shown(string? message)
    {
        if (string.IsNullOrWhiteSpace(message))
        {
            return "no message";
        }

        var clean = new string(message.Select(c => char.IsControl(c) ? ' ' : c).ToArray()).Trim();
        return clean.Length <= LongestMessage ? clean : clean[..LongestMessage] + "...";
    }

    [GeneratedRegex("^[A-Za-z0-9-]{1,100}$")]
    private static partial Regex HandleShape();
}
