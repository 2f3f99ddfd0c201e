namespace Herald.Simulator.SnowflakeImport;

/// <summary>An import that could not read the share; the message says why (never a key or a token).</summary>
internal sealed class ShareImportException(string message) : Exception(message);
