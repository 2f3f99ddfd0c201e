using Herald.Core.Catalog;
using Herald.Core.Ports;
using Herald.Core.Updates;
using Microsoft.Extensions.Options;

namespace Herald.InsiderOne;

/// <summary>Insider One's rules as the run engine needs them: its file limit, its report deadline, how split segments are named.</summary>
public sealed class InsiderOnePlugin(IOptions<InsiderOneOptions> options) : IDestinationPlugin
{
    public string Id => Plugins.InsiderOne;

    public string DisplayName => "Insider One";

    public long MaxFileBytes => options.Value.MaxFileBytes;

    public string MaxFileBytesSetting => $"{InsiderOneOptions.Section}:MaxFileBytes";

    public TimeSpan ReportTimeout => options.Value.ReportTimeout;

    public double ShrinkGuardShare => options.Value.ShrinkGuardShare;

    public string ShrinkGuardShareSetting => $"{InsiderOneOptions.Section}:ShrinkGuardShare";

    public IReadOnlyList<string> SegmentNamesOf(string segmentName, int parts) => SegmentParts.NamesOf(segmentName, parts);

    public LayoutProblem? CheckLayout(string segmentName, int parts)
    {
        var names = SegmentNamesOf(segmentName, parts);
        if (names.FirstOrDefault(name => name.Length > CatalogRules.MaxSegmentNameLength) is not { } cut)
        {
            return null;
        }
        var suffix = SegmentParts.SuffixOf(parts, parts);
        return new LayoutProblem(cut, CatalogRules.MaxSegmentNameLength, suffix, CatalogRules.MaxSegmentNameLength - suffix.Length);
    }
}
