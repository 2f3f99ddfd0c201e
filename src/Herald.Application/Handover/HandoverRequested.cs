using Herald.Core.Catalog;

namespace Herald.Application.Handover;

/// <summary>A new hand-over link: <paramref name="Token"/> is shown once, to the requester, and never kept.</summary>
/// <param name="Token">The link's 256-bit random token, base64url; the link is <c>/handover/{Token}</c>.</param>
public sealed record HandoverRequested(HandoverLink Link, string Token)
{
    // Records print their members; the token must never reach a log line through ToString.
    public override string ToString() => $"HandoverRequested {{ Link = {Link}, Token = *** }}";
}
