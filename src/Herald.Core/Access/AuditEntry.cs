namespace Herald.Core.Access;

/// <summary>
/// One line of the audit log: who did (or tried) what, when, and the thing before and after. Written by the
/// application for every change, every run started and every refused attempt; never edited.
/// </summary>
/// <param name="Sequence">Position in the log, from 1; 0 before it is stored.</param>
/// <param name="At">When, as Herald's clock said.</param>
/// <param name="Actor">The caller's name (a user, or <c>schedule</c> for Herald itself).</param>
/// <param name="Channel">How the request came: api, web, cli, callback, schedule.</param>
/// <param name="RemoteAddress">The client's address, or null for Herald itself.</param>
/// <param name="Action">The action asked for, one of the application's named actions (<c>credential:edit</c>, ...).</param>
/// <param name="Operation">What was asked, in words ("add credential", "start run").</param>
/// <param name="Subject">The thing's name or id as the request gave it, or null.</param>
/// <param name="Outcome"><c>done</c>, <c>refused</c> (a rule or a conflict) or <c>forbidden</c> (the caller's policies).</param>
/// <param name="Detail">The refusal's sentence, or what was done (a run's id); never a secret.</param>
/// <param name="Before">The thing before, as JSON without secrets, or null.</param>
/// <param name="After">The thing after, as JSON without secrets, or null.</param>
public sealed record AuditEntry(
    long Sequence,
    DateTimeOffset At,
    string Actor,
    string Channel,
    string? RemoteAddress,
    string Action,
    string Operation,
    string? Subject,
    string Outcome,
    string? Detail,
    string? Before,
    string? After);
