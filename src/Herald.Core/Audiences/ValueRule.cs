namespace Herald.Core.Audiences;

/// <summary>
/// What a value must be for the destination to take it: of a kind (which the engine may write in the destination's
/// form, such as a date from a timestamp), and matching <paramref name="Pattern"/> (RE2 syntax, as the engines use it)
/// in full. A value that fails is set aside with <paramref name="InvalidReason"/> (one of <see cref="SetAsideReasons"/>),
/// so that the run's counts say why instead of the destination's "invalid". The destination plugin decides the rule.
/// </summary>
public sealed record ValueRule(AttributeType Type, string Pattern, string InvalidReason);
