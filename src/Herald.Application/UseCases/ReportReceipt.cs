using Herald.Core.Runs;

namespace Herald.Application.UseCases;

/// <summary>What a report did to its run: the run as saved and the outcome (recorded, duplicate, late, impossible...).</summary>
/// <param name="Problem">Why the report was refused, for <see cref="ReportOutcome.Impossible"/>; null otherwise.</param>
public sealed record ReportReceipt(Run Run, ReportOutcome Outcome, string? Problem);
