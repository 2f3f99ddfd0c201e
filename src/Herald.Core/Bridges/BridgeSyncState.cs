namespace Herald.Core.Bridges;

/// <summary>The steps of a bridge sync. Stored as lowercase text.</summary>
public enum BridgeSyncState
{
    Queued,

    /// <summary>Building each selected table in the customer 360 and validating it; nothing has reached the target.</summary>
    Building,

    /// <summary>Loading the tables into the target, one after the other, each swapped in whole.</summary>
    Loading,

    /// <summary>Creating or updating the share and its grants.</summary>
    Sharing,
    Succeeded,
    Failed,
}
