namespace Herald.Core.Alerts;

/// <summary>Which runs an alert rule watches. Stored as lowercase text.</summary>
public enum AlertScope
{
    /// <summary>Every orchestration's runs, and runs sent to a destination by hand.</summary>
    Global,

    /// <summary>The runs of one orchestration.</summary>
    Orchestration,

    /// <summary>The runs sent to one destination, whichever orchestration started them.</summary>
    Destination,
}
