using Herald.Core.Updates;

namespace Herald.Application.UseCases;

/// <summary>A run's diff sample as the caller may see it.</summary>
/// <param name="Sample">The values added, removed and kept; each one <see cref="Pii.PiiRedaction.Hidden"/> when <paramref name="Redacted"/> is set.</param>
/// <param name="Redacted">Why the values are hidden (the audience is PII and the caller's policy restricts personal data), or null.</param>
public sealed record DiffSampleRead(SegmentDiffSample Sample, string? Redacted);
