namespace Herald.Core.Alerts;

/// <summary>Herald's limits on alert rules.</summary>
public static class AlertRules
{
    /// <summary>Recipients of one email channel.</summary>
    public const int MaxRecipients = 20;

    /// <summary>Characters of a channel URL or an email address.</summary>
    public const int MaxAddressLength = 2000;

    /// <summary>Characters of one alert's text (a run's reason is cut to fit, saying so).</summary>
    public const int MaxMessageChars = 4000;
}
