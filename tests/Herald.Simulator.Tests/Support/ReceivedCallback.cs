using System.Text.Json;

namespace Herald.Simulator.Tests.Support;

/// <summary>A callback as Herald's endpoint saw it, and the status the stand-in answered.</summary>
internal sealed record ReceivedCallback(string Path, string Body, int AnsweredStatus)
{
    public JsonElement Json => JsonDocument.Parse(Body).RootElement;

    public string SegmentName => Json.GetProperty("segment_name").GetString()!;
}
