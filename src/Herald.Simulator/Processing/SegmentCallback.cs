using System.Text.Json.Serialization;

namespace Herald.Simulator.Processing;

/// <summary>The body Insider One POSTs to the callback URL (insider-one.md section 3), in snake_case.</summary>
internal sealed record SegmentCallback(
    [property: JsonPropertyName("segment_name")] string SegmentName,
    [property: JsonPropertyName("valid_values_count")] int ValidValuesCount,
    [property: JsonPropertyName("invalid_values_count")] int InvalidValuesCount,
    [property: JsonPropertyName("total_entered_values")] int TotalEnteredValues);
