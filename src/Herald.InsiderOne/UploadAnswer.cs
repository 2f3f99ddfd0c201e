using System.Net;
using System.Text.Json;
using Herald.Core.Ports;
using Herald.Core.Runs;

namespace Herald.InsiderOne;

/// <summary>Turns Insider One's answer to an upload into an outcome that says what to change.</summary>
internal static class UploadAnswer
{
    /// <param name="rateLimitWaited">How long the request waited for Insider One's rate limit before this answer.</param>
    public static SubmissionOutcome Interpret(HttpStatusCode status, string body, SegmentSubmission submission, InsiderOneOptions options, TimeSpan rateLimitWaited = default)
    {
        var code = (int)status;
        var message = MessageOf(body);
        if (code is >= 200 and < 300)
        {
            return SubmissionOutcome.Accept($"Insider One accepted the segment '{submission.SegmentName}' ({code}).");
        }
        return code switch
        {
            400 when message.Contains(InsiderOneContract.NameInUseMessage, StringComparison.OrdinalIgnoreCase) =>
                SubmissionOutcome.Refuse(FailureKind.Destination,
                    $"Insider One answered 400 \"{message}\": a segment named '{submission.SegmentName}' exists that this token did not create through the API. " +
                    "Rename the segment in the destination, or remove the existing segment in InOne, then run again.", SubmissionRefusal.SegmentNameTaken),
            400 when message.Contains(InsiderOneContract.AssumedFileTooLargePhrase, StringComparison.OrdinalIgnoreCase) =>
                SubmissionOutcome.Refuse(FailureKind.Destination,
                    $"Insider One answered 400 \"{message}\": the file is over its size limit. Narrow the query, or lower Herald:InsiderOne:MaxFileBytes " +
                    $"(now {options.MaxFileBytes:N0} bytes) so that Herald catches this before submitting."),
            400 when message.Contains(InsiderOneContract.AssumedInvalidUrlPhrase, StringComparison.OrdinalIgnoreCase) =>
                SubmissionOutcome.Refuse(FailureKind.Internal,
                    $"Insider One answered 400 \"{message}\". Check Herald:PublicBaseUrl: Insider One must be able to download {submission.MaskedFileUrl}."),
            400 => SubmissionOutcome.Refuse(FailureKind.Destination,
                $"Insider One refused the segment (400 \"{message}\"). Check the destination's segment name and attribute name."),
            401 => SubmissionOutcome.Refuse(FailureKind.Credential,
                $"Insider One refused the partner name '{submission.Account.PartnerName}' and API token (401 Unauthorized). " +
                "Check the credential's partner name, or rotate the token it holds."),
            InsiderOneContract.AssumedIpRestrictedStatus => SubmissionOutcome.Refuse(FailureKind.Credential,
                "Insider One refused the request (403 Forbidden): the API token is restricted to other IP addresses. " +
                "Allow Herald's outgoing address for the token in InOne, or use a token without the restriction."),
            404 => SubmissionOutcome.Refuse(FailureKind.Internal,
                $"Insider One's upload API was not found at {options.BaseUrl} (404). Check Herald:InsiderOne:BaseUrl."),
            405 => SubmissionOutcome.Refuse(FailureKind.Internal,
                $"Insider One says the request payload is invalid (405 \"{message}\"). Herald sends the documented four fields; " +
                "Insider One's API may have changed: report this to Herald's maintainers with the run id."),
            429 => SubmissionOutcome.Refuse(FailureKind.Transient,
                $"Insider One kept answering 429 Too Many Requests: Herald waited {RateLimitWait.Seconds(rateLimitWaited)} for its rate limit, " +
                $"and the next wait would have gone over Herald:InsiderOne:RateLimitWaitBudget ({RateLimitWait.Seconds(options.RateLimitWaitBudget)}). " +
                "Another client may share the token's limit; run again later, or raise the budget."),
            _ => SubmissionOutcome.Refuse(FailureKind.Transient,
                $"Insider One kept failing ({code} \"{message}\") after {options.MaxRetries + 1} attempts. Herald did not submit the segment; run again later."),
        };
    }

    /// <summary>Insider One answers <c>{"statusMessage": ...}</c>, <c>{"error": ...}</c> or plain text.</summary>
    internal static string MessageOf(string body)
    {
        var trimmed = body.Trim();
        if (trimmed.StartsWith('{'))
        {
            try
            {
                using var document = JsonDocument.Parse(trimmed);
                foreach (var name in new[] { "statusMessage", "error", "message" })
                {
                    if (document.RootElement.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String)
                    {
                        return value.GetString()!;
                    }
                }
            }
            catch (JsonException)
            {
                // Not JSON after all: show it as text.
            }
        }
        return trimmed.Length > 200 ? trimmed[..200] : trimmed;
    }
}
