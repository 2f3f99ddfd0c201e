using System.Collections;

namespace Herald.Core.Catalog;

/// <summary>
/// Named secrets of a credential on their way in (an Insider One API token; a Snowflake private key and its
/// passphrase). The store encrypts each under its name; nothing prints them: <see cref="ToString"/> names them only.
/// </summary>
public sealed class SecretValues : IReadOnlyCollection<KeyValuePair<string, string>>
{
    private readonly IReadOnlyDictionary<string, string> _values;

    public SecretValues(IEnumerable<KeyValuePair<string, string>> values) =>
        _values = values.ToDictionary(v => v.Key, v => v.Value, StringComparer.Ordinal);

    /// <summary>No secret given: a change keeps the stored ones.</summary>
    public static SecretValues None { get; } = new([]);

    /// <summary>One secret, or none when <paramref name="value"/> is null (not given).</summary>
    public static SecretValues Of(string name, string? value) => value is null ? None : new([new(name, value)]);

    public int Count => _values.Count;

    /// <summary>The names of the secrets given, in no particular order.</summary>
    public IEnumerable<string> Names => _values.Keys;

    /// <summary>The secret named <paramref name="name"/>, or null when it was not given.</summary>
    public string? this[string name] => _values.TryGetValue(name, out var value) ? value : null;

    public IEnumerator<KeyValuePair<string, string>> GetEnumerator() => _values.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    // A secret must never reach a log line or an error through ToString.
    public override string ToString() => Count == 0 ? "(no secrets)" : $"({string.Join(", ", _values.Keys.Order(StringComparer.Ordinal).Select(n => $"{n} = ***"))})";
}
