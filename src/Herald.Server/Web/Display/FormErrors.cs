using Herald.Application.UseCases;

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

    /// <summary>
    /// A use case's refusal beside the fields it is about. <paramref name="renamed"/> maps a use case's field to the
    /// form's (NewApiToken for ApiToken); a conflict without fields goes beside <paramref name="conflictField"/>.
    /// </summary>
    public void Show(Refusal refusal, string conflictField = "", IReadOnlyDictionary<string, string>? renamed = null)
    {
        if (refusal.Problems.Count == 0)
        {
            Add(refusal.Kind == RefusalKind.Conflict ? conflictField : "", refusal.Message);
        }
        foreach (var problem in refusal.Problems)
        {
            var field = problem.Field ?? "";
            Add(renamed?.GetValueOrDefault(field) ?? field, problem.Message);
        }
    }

    public IReadOnlyList<string> For(string field) => [.. _errors.Where(e => e.Field == field).Select(e => e.Message)];

    public bool Has(string field) => _errors.Any(e => e.Field == field);
}
