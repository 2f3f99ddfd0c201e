namespace Herald.Simulator;

/// <summary>
/// Everything the simulator does that Insider One's public material does not document (insider-one.md marks each
/// "assumed"). Kept in one place so that when the real behaviour becomes known, one line changes.
/// Assumed behaviour that is code rather than a value:
/// <list type="bullet">
/// <item>The file's size is known only once it is fetched, after the upload was answered: a file over the limit
/// fails the segment (download_failed, <see cref="FileTooLarge"/>) instead of the upload (SegmentProcessor).</item>
/// <item>No error callback is documented: a file that cannot be downloaded produces none (SegmentProcessor).</item>
/// <item>Callbacks are retried on connection errors and 5xx; a 4xx is final (CallbackSender).</item>
/// <item>File downloads are retried the same way, as many times as callbacks (SegmentProcessor).</item>
/// <item>A re-upload by the token that created the name replaces the values; any other existing name is in use
/// (SimulatorState.TryAcceptUpload).</item>
/// <item>Requests over the rate limit are refused after authentication, per token, uploads and downloads alike
/// (ApiGate, TokenRateLimiter).</item>
/// <item>The file is split on '\n' only and empty lines are skipped; a value keeping a '\r' (a "\r\n" file), a comma
/// or a quote is invalid; a byte-order mark is not skipped (CsvValueReader, ValueRules).</item>
/// <item>A country is valid in capitals only, as ISO 3166-1 writes it (ValueRules).</item>
/// <item>A value holding a control character, or starting or ending with a blank or an invisible format character
/// (U+00A0, U+200B, U+FEFF ...), is invalid: such a value is not what the sender meant (ValueRules).</item>
/// <item>A number is written in decimal notation (no exponent, no blanks, no thousands separators) with at most 28
/// digits before the point, leading zeros aside (ValueRules).</item>
/// <item>A request body must come with Content-Length, as many gateways require: a chunked body is refused with 411
/// before anything else is checked (ApiDispatcher).</item>
/// <item>A callback URL that is not an absolute http(s) URL is refused at upload (UploadHandler).</item>
/// </list>
/// </summary>
internal static class SimulatorAssumptions
{
    // Section 1 documents these messages without their status; 400 is assumed.
    public const string FileUrlInvalid = "the file URL is invalid. The URL should include .csv extension";
    public const string PartnerNameMissing = "partner name is missing";
    public const string FileTooLarge = "file size is more than the limit";

    // Undocumented messages for checks section 1 does require.
    public const string SegmentNameTooLong = "segment name is longer than 40 characters";
    public const string CallbackUrlInvalid = "the callback URL is invalid";
    public const string Forbidden = "Forbidden";
    public const string TooManyRequests = "rejected: too many requests";
    public const string ServiceUnavailable = "Service Unavailable";
    public const string MethodNotAllowed = "Method Not Allowed";
    public const string NotFound = "Not Found";
    public const string LengthRequired = "Length Required";

    /// <summary>The Retry-After of a real rate-limit answer: one second, the length of the limit's window.</summary>
    public const int RateLimitRetryAfterSeconds = 1;

    /// <summary>
    /// The documented ".csv" check is read as "the URL contains .csv", case-sensitive, anywhere (a signed URL keeps
    /// it before its query string). The stricter reading catches more of Herald's mistakes.
    /// </summary>
    public const string FileUrlMarker = ".csv";

    /// <summary>
    /// The body must be declared JSON (the documented <c>Content-Type: application/json</c> header); anything else
    /// is an invalid payload.
    /// </summary>
    public const string RequiredMediaType = "application/json";

    // Section 4, the download contract, is assumed as a whole.
    public const string DownloadPath = "/fps/v1/download";
    public const string SegmentNotFound = "segment not found";

    /// <summary>Segment names compare exactly (case-sensitive) within one partner's account.</summary>
    public static readonly StringComparer SegmentNameComparer = StringComparer.Ordinal;
}
