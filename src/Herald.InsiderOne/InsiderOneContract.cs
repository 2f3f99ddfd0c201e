using System.Text.Json.Serialization;

namespace Herald.InsiderOne;

/// <summary>
/// Insider One's First-Party Segment API as documented (insider-one.md sections 1 and 3), and every
/// assumption Herald makes where the documentation is silent, in one place and named as such.
/// </summary>
internal static class InsiderOneContract
{
    public const string UploadPath = "fps/v1/upload";
    public const string PartnerNameHeader = "X-PARTNER-NAME";
    public const string TokenHeader = "X-REQUEST-TOKEN";
    public const string NameInUseMessage = "segment name already in use";

    /// <summary>Assumed: the download call of section 4 is not in Insider One's public reference.</summary>
    public const string AssumedDownloadPath = "fps/v1/download";

    /// <summary>Assumed: the download call answers 404 with this message for a segment the account does not have.</summary>
    public const string AssumedSegmentNotFoundMessage = "segment not found";

    /// <summary>Assumed: 403 means the token is restricted to other IP addresses.</summary>
    public const int AssumedIpRestrictedStatus = 403;

    /// <summary>Assumed: an over-size file and a URL without <c>.csv</c> answer 400 with these phrases.</summary>
    public const string AssumedFileTooLargePhrase = "file size";
    public const string AssumedInvalidUrlPhrase = "file URL is invalid";
}

/// <summary>The upload body: exactly four camelCase strings.</summary>
internal sealed record UploadBody(
    [property: JsonPropertyName("segmentName")] string SegmentName,
    [property: JsonPropertyName("fileUrl")] string FileUrl,
    [property: JsonPropertyName("callbackUrl")] string CallbackUrl,
    [property: JsonPropertyName("attributeName")] string AttributeName);

/// <summary>The assumed download answer (section 4): where the segment's CSV can be fetched.</summary>
internal sealed record DownloadAnswer([property: JsonPropertyName("fileUrl")] string? FileUrl);

/// <summary>The assumed download body (section 4).</summary>
internal sealed record DownloadBody([property: JsonPropertyName("segmentName")] string SegmentName);
