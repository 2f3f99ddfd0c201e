namespace Herald.Server.Web.Display;

/// <summary>The problems a form has, by field, in the words the rules use; empty when it can be saved.</summary>
internal sealed class FormErrors
{
    private readonly List<(string Field, string Message)> _errors = [];

    public bool Any => _errors.Count > 0;

    public int Count => _errors.Count;

    public IEnumerable<(string Field, string Message)> All => _errors;

    public void Add(string field, string message) => _errors.Add((field, message));

    public void AddRange(string field, IEnumerable<string> messages)
    {
        foreach (var message in messages)
        {
            Add(field, message);
        }
    }

    public IReadOnlyList<string> For(string field) => [.. _errors.Where(e => e.Field == field).Select(e => e.Message)];

    public bool Has(string field) => _errors.Any(e => e.Field == field);
}
