namespace Herald.Tests.Support;

/// <summary>
/// Tests that measure rates or kill processes run alone, after the others: on two cores, another test's
/// load would change what they measure.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class TimingSensitive
{
    public const string Name = "Timing-sensitive";
}
