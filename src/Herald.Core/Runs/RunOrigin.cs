using Herald.Core.Updates;

namespace Herald.Core.Runs;

/// <summary>
/// What a run sends and where: a snapshot taken when the run is created, so that editing the
/// destination or orchestration later does not change a run already under way.
/// </summary>
/// <param name="UpdateMode">How the segment is updated: replaced by the audience, or added to.</param>
/// <param name="AllowSplit">An audience over Insider One's file limit is uploaded as numbered segments.</param>
/// <param name="ShrinkGuardShare">The destination's own shrink guard; null for the server's (Herald:InsiderOne:ShrinkGuardShare).</param>
/// <param name="Force">The person starting the run passed the shrink guard on purpose.</param>
/// <param name="Plugin">The destination plugin whose rules the run follows (the credential's plugin when the run was created).</param>
/// <param name="CredentialName">The name of the destination's credential when the run was created, for advice; null for runs from before it was kept.</param>
/// <param name="SampleSize">
/// A test send: at most this many values go, counted after the value rules (empty and set-aside values never count), to a
/// segment of the test's own; null for a real run. A test send of an orchestration carries its id and name, so it is listed
/// with its runs, but it never counts as the orchestration's success (schedules that run after it ignore it).
/// </param>
/// <param name="Sandbox">The sandbox whose configuration the run was built from; null for a run of production.</param>
public sealed record RunOrigin(
    Guid DestinationId,
    string DestinationName,
    Guid CredentialId,
    Guid? OrchestrationId,
    string? OrchestrationName,
    string Query,
    string SegmentName,
    string AttributeName,
    bool AllowEmpty,
    string StartedBy,
    SegmentUpdateMode UpdateMode = SegmentUpdateMode.Replace,
    bool AllowSplit = false,
    double? ShrinkGuardShare = null,
    bool Force = false,
    string Plugin = Catalog.Plugins.InsiderOne,
    string? CredentialName = null,
    int? SampleSize = null,
    string? Sandbox = null)
{
    /// <summary>Whether the run is a test send (<see cref="SampleSize"/>), not a real update of the destination's segment.</summary>
    public bool IsTest => SampleSize is not null;
}
