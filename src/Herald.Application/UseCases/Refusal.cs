using Herald.Core.Catalog;
using Herald.Core.Ports;

namespace Herald.Application.UseCases;

/// <summary>
/// A use case's "no": what kind, a sentence that says what to change, the problems one per line (a form shows them
/// beside its fields), and the facts the edges write advice from (a CLI command, a link) without parsing text.
/// </summary>
public sealed record Refusal(RefusalKind Kind, string Message, IReadOnlyList<FieldProblem> Problems)
{
    /// <summary>What the refusal is about: "destination", "orchestration", "run", "credential".</summary>
    public string? Subject { get; init; }

    /// <summary>The name or id the request gave for the thing, when it was not found.</summary>
    public string? Key { get; init; }

    public static Refusal NotFound(string subject, string key) =>
        new(RefusalKind.NotFound, $"No {subject} named '{key}'.", []) { Subject = subject, Key = key };

    /// <summary>For a refusal to remove something in use: the names of what uses it (destinations, orchestrations).</summary>
    public IReadOnlyList<string> InUseBy { get; init; } = [];

    /// <summary>The connection test that failed, for a refusal of kind <see cref="RefusalKind.Unavailable"/> when saving a destination.</summary>
    public ConnectionCheck? Connection { get; init; }

    public static Refusal Invalid(string subject, IReadOnlyList<FieldProblem> problems) =>
        new(RefusalKind.Invalid, $"The {subject} was not saved: {problems.Count} problem(s) to fix.", problems) { Subject = subject };

    public static Refusal Rule(string message) => new(RefusalKind.Invalid, message, [new FieldProblem(null, message)]);

    /// <summary>For a refusal of kind <see cref="RefusalKind.Forbidden"/>: the action the caller lacks.</summary>
    public string? Action { get; init; }

    /// <summary>The caller may not do <paramref name="action"/>: a sentence naming the action, what it allows and who to ask.</summary>
    public static Refusal Forbidden(Caller caller, string action)
    {
        var what = Access.HeraldActions.All.TryGetValue(action, out var means) ? $" ({means})" : "";
        var policies = caller.Grant.Policies.Count == 0 ? "no policy" : $"the policies {string.Join(", ", caller.Grant.Policies)}";
        return new(RefusalKind.Forbidden,
            $"'{caller.Name}' may not do {action}{what}: {policies} do not allow it. Ask an administrator for a policy that does.", [])
        { Action = action };
    }

    public static Refusal Conflict(string message) => new(RefusalKind.Conflict, message, []);
}
