using Herald.Application.UseCases;
using Herald.Core.Audiences;
using Herald.Core.Runs;
using Herald.Core.Updates;

namespace Herald.Application.Pii;

/// <summary>
/// A run's values (its diff sample) as a caller without pii:view sees them: hidden when the run's audience is PII by
/// either rule, or when its query can no longer be traced (the safe side).
/// </summary>
internal sealed class AudienceRedaction(PiiCatalog pii)
{
    private const string AudienceColumn = "the audience's column";

    public async Task<DiffSampleRead> DiffSampleAsync(Caller caller, RunOrigin origin, SegmentDiffSample sample, CancellationToken cancellationToken)
    {
        if (!caller.Grant.RestrictsPii)
        {
            return new DiffSampleRead(sample, null);
        }
        string what;
        try
        {
            var finding = await pii.ClassifyAsync(origin.Query, [AudienceColumn], origin.AttributeName, cancellationToken);
            if (!finding.AudienceIsPii)
            {
                return new DiffSampleRead(sample, null);
            }
            what = finding.Columns[0].From is { Count: > 0 } from ? string.Join(", ", from) : $"the audience (sent as {origin.AttributeName})";
        }
        catch (AudienceRejectedException)
        {
            what = "the audience (its query can no longer be traced to its columns)";
        }
        static IReadOnlyList<string> Hide(IReadOnlyList<string> values) => [.. values.Select(_ => PiiRedaction.Hidden)];
        return new DiffSampleRead(new SegmentDiffSample(Hide(sample.Added), Hide(sample.Removed), Hide(sample.Kept)), PiiRedaction.Sentence([what]));
    }
}
