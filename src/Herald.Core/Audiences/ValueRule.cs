namespace Herald.Core.Audiences;

/// <summary>
/// What a value must look like for the destination to take it: a regular expression (RE2 syntax, as the engines use
/// it) matched in full. A value that fails is set aside with <paramref name="InvalidReason"/> (one of
/// <see cref="SetAsideReasons"/>), so that the run's counts say why instead of the destination's "invalid".
/// The destination plugin decides the rule per attribute.
/// </summary>
public sealed record ValueRule(string Pattern, string InvalidReason);
