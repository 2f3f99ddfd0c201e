namespace Herald.Application.UseCases;

/// <summary>Why a use case did not do what it was asked; the edges map it to an HTTP status, a page message, an exit code.</summary>
public enum RefusalKind
{
    /// <summary>Something named in the request does not exist.</summary>
    NotFound,

    /// <summary>The request breaks a rule; <see cref="Refusal.Problems"/> says which, one line each.</summary>
    Invalid,

    /// <summary>The request clashes with what exists (a name taken, a thing in use, a run already final).</summary>
    Conflict,

    /// <summary>Something outside Herald refused or could not be reached (a connection test).</summary>
    Unavailable,

    /// <summary>Herald is doing as much of this at once as its settings allow; try again shortly.</summary>
    Busy,

    /// <summary>The caller's policies do not allow the action; <see cref="Refusal.Action"/> names it.</summary>
    Forbidden,
}
