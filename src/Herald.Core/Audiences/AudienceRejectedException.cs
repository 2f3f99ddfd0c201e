namespace Herald.Core.Audiences;

/// <summary>
/// The query or its result cannot become an audience. The message is written for the person who wrote
/// the query: it says what was found and what to change.
/// </summary>
public sealed class AudienceRejectedException(string message, Exception? inner = null) : Exception(message, inner);
