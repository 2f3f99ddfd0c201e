using System.Text.Json.Serialization;

namespace Herald.Simulator.Api;

/// <summary><c>{"statusMessage": "..."}</c>, the shape of most of Insider One's answers.</summary>
internal sealed record StatusMessageBody([property: JsonPropertyName("statusMessage")] string StatusMessage);

/// <summary><c>{"error": "..."}</c>, the shape of the 405 and 429 answers.</summary>
internal sealed record ErrorBody([property: JsonPropertyName("error")] string Error);

/// <summary><c>{"fileUrl": "..."}</c>, the answer of the (assumed) download call.</summary>
internal sealed record FileUrlBody([property: JsonPropertyName("fileUrl")] string FileUrl);
