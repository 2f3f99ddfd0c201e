using System.Text.Json;
using Herald.SnowflakeStandIn.Engine;

namespace Herald.SnowflakeStandIn.Api;

/// <summary>The body of <c>POST /api/v2/statements</c> (SQL API reference, "SubmitStatementRequest").</summary>
internal sealed record StatementRequest(
    string Statement,
    string? Database,
    string? Schema,
    IReadOnlyList<BoundValue> Bindings,
    int? MultiStatementCount,
    int TimeoutSeconds)
{
    public const int LongestTimeoutSeconds = 604_800;

    /// <summary>Session parameters the SQL API documents; any other is refused, as Snowflake refuses it.</summary>
    private static readonly HashSet<string> KnownParameters = new(StringComparer.OrdinalIgnoreCase)
    {
        "binary_output_format", "client_result_chunk_size", "date_output_format", "multi_statement_count", "query_tag",
        "rows_per_resultset", "time_output_format", "timestamp_ltz_output_format", "timestamp_ntz_output_format",
        "timestamp_output_format", "timestamp_tz_output_format", "timezone", "use_cached_result",
    };

    private static readonly HashSet<string> BindingTypes = new(StringComparer.Ordinal)
    {
        "TEXT", "FIXED", "REAL", "BOOLEAN", "DATE", "TIME", "TIMESTAMP_LTZ", "TIMESTAMP_NTZ", "TIMESTAMP_TZ", "BINARY",
    };

    /// <summary>Reads the body; a body that is not what the API takes is refused with the reason.</summary>
    /// <exception cref="StatementFailure">The body is malformed; the message says how.</exception>
    public static StatementRequest Parse(ReadOnlyMemory<byte> body)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body, new JsonDocumentOptions { MaxDepth = 8 });
        }
        catch (JsonException)
        {
            throw Invalid("The request body is not valid JSON.");
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw Invalid("The request body must be a JSON object.");
            }

            var statement = root.TryGetProperty("statement", out var text) && text.ValueKind == JsonValueKind.String ? text.GetString()! : null;
            if (string.IsNullOrWhiteSpace(statement))
            {
                throw Invalid("The request body must have a 'statement'.");
            }

            int? count = null;
            if (root.TryGetProperty("parameters", out var parameters))
            {
                if (parameters.ValueKind != JsonValueKind.Object)
                {
                    throw Invalid("'parameters' must be an object.");
                }

                foreach (var parameter in parameters.EnumerateObject())
                {
                    if (!KnownParameters.Contains(parameter.Name))
                    {
                        throw Invalid($"Unsupported session parameter '{parameter.Name}'.");
                    }

                    if (parameter.Name.Equals("multi_statement_count", StringComparison.OrdinalIgnoreCase))
                    {
                        count = parameter.Value.ValueKind switch
                        {
                            JsonValueKind.Number when parameter.Value.TryGetInt32(out var n) && n >= 0 => n,
                            JsonValueKind.String when int.TryParse(parameter.Value.GetString(), out var n) && n >= 0 => n,
                            _ => throw Invalid("'multi_statement_count' must be a whole number, 0 for any number of statements."),
                        };
                    }
                }
            }

            // The statement's timeout in seconds; 0 or none means Snowflake's longest, 604,800 (seven days).
            var timeout = 0;
            if (root.TryGetProperty("timeout", out var timeoutValue) &&
                (timeoutValue.ValueKind != JsonValueKind.Number || !timeoutValue.TryGetInt32(out timeout) || timeout is < 0 or > LongestTimeoutSeconds))
            {
                throw Invalid($"'timeout' must be a whole number of seconds from 0 to {LongestTimeoutSeconds}.");
            }

            return new StatementRequest(statement, Text(root, "database"), Text(root, "schema"), ReadBindings(root), count,
                timeout == 0 ? LongestTimeoutSeconds : timeout);
        }
    }

    private static string? Text(JsonElement root, string name) =>
        root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static List<BoundValue> ReadBindings(JsonElement root)
    {
        if (!root.TryGetProperty("bindings", out var bindings) || bindings.ValueKind == JsonValueKind.Null)
        {
            return [];
        }

        if (bindings.ValueKind != JsonValueKind.Object)
        {
            throw Invalid("'bindings' must be an object keyed \"1\", \"2\", ...");
        }

        var byPosition = new List<(int Position, BoundValue Value)>();
        foreach (var binding in bindings.EnumerateObject())
        {
            if (!int.TryParse(binding.Name, out var position) || position < 1 || binding.Value.ValueKind != JsonValueKind.Object)
            {
                throw Invalid($"Binding '{binding.Name}' must be keyed by its position (1, 2, ...) and hold {{\"type\", \"value\"}}.");
            }

            var type = binding.Value.TryGetProperty("type", out var t) && t.ValueKind == JsonValueKind.String ? t.GetString()! : "";
            if (!BindingTypes.Contains(type))
            {
                throw Invalid($"Binding {position} has the unsupported type '{type}'.");
            }

            string? value = binding.Value.TryGetProperty("value", out var v) ? v.ValueKind switch
            {
                JsonValueKind.String => v.GetString(),
                JsonValueKind.Null => null,
                _ => throw Invalid($"Binding {position}: values are sent as strings (or null)."),
            } : null;
            byPosition.Add((position, new BoundValue(type, value)));
        }

        // Placed by position in one pass: a batch carries tens of thousands of bindings.
        var ordered = new BoundValue?[byPosition.Count];
        foreach (var (position, value) in byPosition)
        {
            if (position > ordered.Length || ordered[position - 1] is not null)
            {
                throw Invalid("Bindings must be numbered 1 to N without gaps or repeats.");
            }

            ordered[position - 1] = value;
        }

        return ordered.Select(value => value!).ToList();
    }

    private static StatementFailure Invalid(string message) => new("391902", "08000", message);
}
