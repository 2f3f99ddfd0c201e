using System.Text.Json;

namespace Herald.Snowflake.Statements;

/// <summary>The fields of a failure answer (<c>code</c>, <c>message</c>, <c>sqlState</c>, <c>statementHandle</c>), each
/// null when missing or unusable.</summary>
internal sealed record ErrorAnswer(string? Code, string? Message, string? SqlState, string? Handle)
{
    public static ErrorAnswer Parse(byte[] body)
    {
        try
        {
            using var document = JsonDocument.Parse(body, new JsonDocumentOptions { MaxDepth = 8 });
            var root = document.RootElement;
            string? handle;
            try
            {
                handle = AnswerFields.Handle(root);
            }
            catch (FormatException)
            {
                handle = null;
            }

            return new ErrorAnswer(Short(AnswerFields.Text(root, "code")), AnswerFields.Text(root, "message"), Short(AnswerFields.Text(root, "sqlState")), handle);
        }
        catch (JsonException)
        {
            return new ErrorAnswer(null, null, null, null);
        }
    }

    private static string? Short(string? value) => value is { Length: <= 16 } && value.All(char.IsAsciiLetterOrDigit) ? value : null;
}
