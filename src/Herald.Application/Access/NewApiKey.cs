using Herald.Core.Access;

namespace Herald.Application.Access;

/// <summary>A key just made: <see cref="Key"/> is shown this once and never kept; <see cref="Entry"/> is what Herald keeps.</summary>
public sealed record NewApiKey(ApiKeyEntry Entry, string Key);
