namespace Herald.Core.Runs;

/// <summary>
/// What would let a failed run through, as a fact: the API, the pages and the CLI write it as advice in their own
/// terms (a command, a link, a button), so a run's reason never carries the syntax of one of them.
/// </summary>
/// <param name="MaxSegmentNameLength">For <see cref="RunRemedyKind.ShortenSegmentName"/>: the longest name that leaves room for the part suffix.</param>
public sealed record RunRemedy(RunRemedyKind Kind, int? MaxSegmentNameLength = null);

/// <summary>The kinds of <see cref="RunRemedy"/>.</summary>
public enum RunRemedyKind
{
    /// <summary>Run again forced past the shrink guard, if the audience is right.</summary>
    Force,

    /// <summary>Let the destination split an audience over the file limit into numbered segments.</summary>
    AllowSplit,

    /// <summary>Shorten the destination's segment name, so that the part suffix fits.</summary>
    ShortenSegmentName,

    /// <summary>Allow an empty audience, if one is meant.</summary>
    AllowEmpty,

    /// <summary>
    /// The shrink guard could not be checked (the destination holds the segment, but its values could not be read):
    /// run again when they can be, or force past the guard if the audience is right.
    /// </summary>
    RetryOrForce,
}
