namespace Herald.Application.Configuration;

/// <summary>What became of an entry between two catalogs.</summary>
public enum DifferenceKind
{
    /// <summary>Only the second catalog has it.</summary>
    Added,

    /// <summary>Both have it, with at least one field different.</summary>
    Changed,

    /// <summary>Only the first catalog has it.</summary>
    Removed,
}
