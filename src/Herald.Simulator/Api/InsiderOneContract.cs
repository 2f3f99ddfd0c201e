namespace Herald.Simulator.Api;

/// <summary>What insider-one.md section 1 documents about the upload API, word for word.</summary>
internal static class InsiderOneContract
{
    public const string UploadPath = "/fps/v1/upload";
    public const string PartnerNameHeader = "X-PARTNER-NAME";
    public const string TokenHeader = "X-REQUEST-TOKEN";
    public const int MaxSegmentNameLength = 40;

    public const string Ok = "OK";
    public const string SegmentNameInUse = "segment name already in use";
    public const string Unauthorized = "Unauthorized";
    public const string InvalidPayload = "Invalid Payload.";

    // The four fields of an upload body, camelCase, all strings.
    public const string SegmentName = "segmentName";
    public const string FileUrl = "fileUrl";
    public const string CallbackUrl = "callbackUrl";
    public const string AttributeName = "attributeName";
}
