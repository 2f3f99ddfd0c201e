namespace Herald.Simulator.State;

/// <summary>What processing one file found.</summary>
internal sealed record ValueCount(IReadOnlyList<string> ValidValues, int Invalid, int Total)
{
    public int Valid => ValidValues.Count;
}
