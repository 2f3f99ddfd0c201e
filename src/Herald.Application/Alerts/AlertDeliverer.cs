using System.Diagnostics;
using Herald.Application.Telemetry;
using Herald.Core.Alerts;
using Herald.Core.Ports;
using Microsoft.Extensions.Options;

namespace Herald.Application.Alerts;

/// <summary>
/// Works the durable queue of alerts: each due delivery is claimed (so two instances never send it together), tried once
/// through its channel, and recorded with the attempt; a failure waits a doubling delay (a persisted next-attempt time,
/// so a restart keeps the schedule) until <see cref="AlertOptions.MaxAttempts"/>, then the delivery is given up.
/// </summary>
internal sealed class AlertDeliverer(
    IAlertStore store, IEnumerable<IAlertSender> senders, IOptions<AlertOptions> options, TimeProvider clock, ILogger<AlertDeliverer> logger)
{
    private const int Batch = 20;

    /// <summary>Characters of an attempt's error kept in the history.</summary>
    private const int MaxErrorChars = 1000;

    /// <summary>One pass over the deliveries due now; returns how many were tried. Also called by tests.</summary>
    public async Task<int> DeliverDueAsync(CancellationToken cancellationToken)
    {
        var tried = 0;
        foreach (var delivery in await store.ListDueAsync(clock.GetUtcNow(), Batch, cancellationToken))
        {
            if (await store.TryClaimAsync(delivery.Id, delivery.NextAttemptAt!.Value, clock.GetUtcNow() + Lease, cancellationToken))
            {
                await AttemptAsync(delivery, cancellationToken);
                tried++;
            }
        }
        return tried;
    }

    /// <summary>Long enough for one attempt to finish; a claim past it (the instance died mid-send) is taken over.</summary>
    private TimeSpan Lease => options.Value.SendTimeout * 2 + TimeSpan.FromSeconds(5);

    private async Task AttemptAsync(AlertDelivery delivery, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var number = delivery.Attempts.Count + 1;
        var started = clock.GetTimestamp();
        var at = clock.GetUtcNow();
        int? status = null;
        string? error = null;
        string? secret = null;
        var channel = "unknown";
        try
        {
            var rule = await store.FindRuleAsync(delivery.RuleId.ToString(), cancellationToken)
                ?? throw new AlertSendException("The alert rule was removed.");
            channel = rule.Channel.ToString().ToLowerInvariant();
            var sender = senders.FirstOrDefault(s => s.Channel == rule.Channel)
                ?? throw new AlertSendException($"Herald has no sender for {rule.Channel} channels.");
            secret = await store.RevealSecretAsync(rule.Id, cancellationToken);
            using var timeout = new CancellationTokenSource(settings.SendTimeout, clock);
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
            try
            {
                await sender.SendAsync(rule, secret, delivery.Id, delivery.Message, linked.Token);
            }
            catch (OperationCanceledException) when (timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
            {
                throw new AlertSendException($"No answer within {settings.SendTimeout} (Herald:Alerts:SendTimeout).");
            }
        }
        catch (AlertSendException exception)
        {
            status = exception.Status;
            error = exception.Message;
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            // An unexpected failure is logged in full (without the secret) and recorded briefly.
            error = $"Herald could not send the alert ({exception.GetType().Name}): {exception.Message}";
            logger.LogWarning("Alert delivery {Delivery} failed unexpectedly: {Error}", delivery.Id, Scrub(error, secret));
        }
        var duration = (long)clock.GetElapsedTime(started).TotalMilliseconds;
        HeraldTelemetry.AlertAttempts.Add(1, new KeyValuePair<string, object?>("channel", channel), new KeyValuePair<string, object?>("outcome", error is null ? "delivered" : "failed"));
        var attempt = new AlertDeliveryAttempt(number, at, error is null, status, error is null ? null : Scrub(error, secret), duration);
        var (state, next) = error is null ? (AlertDeliveryState.Delivered, (DateTimeOffset?)null)
            : number >= settings.MaxAttempts ? (AlertDeliveryState.GaveUp, null)
            : (AlertDeliveryState.Pending, clock.GetUtcNow() + Backoff(number, settings));
        // Not cancelled with the host: an attempt made is recorded, or it would be sent again without a trace.
        await store.RecordAttemptAsync(delivery.Id, attempt, state, next, CancellationToken.None);
        if (state == AlertDeliveryState.GaveUp)
        {
            logger.LogError("Alert delivery {Delivery} given up after {Attempts} attempts: {Error}", delivery.Id, number, attempt.Error);
        }
    }

    /// <summary>The wait after failed attempt <paramref name="number"/>: the base delay doubled per earlier failure, capped.</summary>
    public static TimeSpan Backoff(int number, AlertOptions settings)
    {
        var factor = Math.Pow(2, Math.Min(number - 1, 30));
        var delay = TimeSpan.FromTicks((long)Math.Min(settings.RetryBaseDelay.Ticks * factor, settings.MaxRetryDelay.Ticks));
        return delay;
    }

    /// <summary>
    /// Removes the channel's secret from text that will be stored or shown (a receiver may echo what it got), and bounds its
    /// length: the secret, its URL-escaped form and, for a secret URL (Slack's), its path, which is what makes it secret.
    /// </summary>
    public static string Scrub(string text, string? secret)
    {
        if (secret is { Length: > 0 })
        {
            text = text.Replace(secret, "[secret]", StringComparison.Ordinal).Replace(Uri.EscapeDataString(secret), "[secret]", StringComparison.Ordinal);
            if (Uri.TryCreate(secret, UriKind.Absolute, out var url) && url.AbsolutePath.Length > 1)
            {
                text = text.Replace(url.AbsolutePath, "/[secret]", StringComparison.Ordinal);
            }
        }
        return text.Length <= MaxErrorChars ? text : string.Concat(text.AsSpan(0, MaxErrorChars), " …");
    }
}
