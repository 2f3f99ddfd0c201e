namespace Herald.Core.Runs;

/// <summary>The audience file as Insider One will download it, and until when it may.</summary>
public sealed record StagedFile(string FileName, long Bytes, DateTimeOffset ExpiresAt);
