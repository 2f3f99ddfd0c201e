using Herald.Core.Ports;
using Herald.Server.Hosting;
using Herald.Server.Security;

namespace Herald.Server.Runs;

/// <summary>Insider One's callback URL for a run: this server's public address and the run's own secret.</summary>
internal sealed class RunCallbackUrls(PublicUrls publicUrls, CallbackSecrets secrets) : IRunCallbackUrls
{
    public Uri For(Guid runId) => publicUrls.CallbackUrl(runId, secrets.For(runId));

    public string MaskedFor(Guid runId) => publicUrls.MaskedCallbackUrl(runId);
}
