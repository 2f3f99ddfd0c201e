namespace Herald.Core.Alerts;

/// <summary>
/// What one alert says. Built from Herald's own facts (names, run ids, reasons, counts), never from a segment's values
/// or a secret, so that a channel, a receiver and the delivery history may hold it.
/// </summary>
/// <param name="Kind">The kind of event; for a recovery notice, the kind the subject recovers from.</param>
/// <param name="Recovered">A recovery notice: the subject succeeded again after <paramref name="Kind"/>.</param>
/// <param name="Subject">What the alert is about, such as <c>orchestration 'Gold customers'</c>.</param>
/// <param name="RunId">The run that caused it; null for a schedule's pause or a test.</param>
/// <param name="Text">The sentence(s) people read, at most <see cref="AlertRules.MaxMessageChars"/> characters.</param>
public sealed record AlertMessage(AlertKind Kind, bool Recovered, string Subject, Guid? RunId, string Text, DateTimeOffset At)
{
    /// <summary>The first line of an email or chat message.</summary>
    public string Title => Recovered ? $"Recovered: {Subject} is working again" : $"{Kind.Headline()}: {Subject}";

    /// <summary>The event's name in a webhook's body: the kind's wire name, or <c>recovered</c>.</summary>
    public string EventType => Recovered ? "recovered" : Kind.ToWireName();
}
