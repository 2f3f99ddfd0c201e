using Herald.Core.Runs;

namespace Herald.Application.Runs.Steps;

/// <summary>A guard's reason not to upload: the failure kind, what was found, and what would let the run through.</summary>
internal sealed record UploadStop(FailureKind Failure, string Reason, RunRemedy? Remedy = null);
