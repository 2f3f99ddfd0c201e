namespace Herald.Server.Api;

public sealed record QueryPreviewRequest(string Query, string? AttributeName = null, int MaxRows = 100, string? Destination = null);
