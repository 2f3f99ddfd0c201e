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

    public Core.Audiences.ValueRule? ValueRuleOf(string attributeName) => KnownAttributes.RuleOf(attributeName);

    public IReadOnlyList<FieldProblem> CheckDestination(DestinationSettings settings)
    {
        var problems = new List<FieldProblem>();
        problems.AddRange(InsiderOneRules.CheckSegmentName(settings.SegmentName).Select(m => new FieldProblem(nameof(settings.SegmentName), m)));
        problems.AddRange(InsiderOneRules.CheckAttributeName(settings.AttributeName).Select(m => new FieldProblem(nameof(settings.AttributeName), m)));
        if (problems.Count == 0)
        {
            problems.AddRange(InsiderOneRules.CheckSplitSegmentName(settings.SegmentName, settings.AllowSplit).Select(m => new FieldProblem(nameof(settings.SegmentName), m)));
        }
        return problems;
    }

    public IReadOnlyList<FieldProblem> CheckCredential(string? partnerName, string? apiToken, bool isNew)
    {
        var problems = new List<FieldProblem>();
        if (isNew || partnerName is not null)
        {
            problems.AddRange(InsiderOneRules.CheckPartnerName(partnerName).Select(m => new FieldProblem("PartnerName", m)));
        }
        if (isNew || apiToken is not null)
        {
            problems.AddRange(InsiderOneRules.CheckApiToken(apiToken).Select(m => new FieldProblem("ApiToken", m)));
        }
        return problems;
    }

    public int MaxParts => SegmentParts.MaxParts;

    public IReadOnlyList<string> SegmentNamesOf(string segmentName, int parts) => SegmentParts.NamesOf(segmentName, parts);

    public LayoutProblem? CheckLayout(string segmentName, int parts)
    {
        var names = SegmentNamesOf(segmentName, parts);
        if (names.FirstOrDefault(name => name.Length > InsiderOneRules.MaxSegmentNameLength) is not { } cut)
        {
            return null;
        }
        var suffix = SegmentParts.SuffixOf(parts, parts);
        return new LayoutProblem(cut, InsiderOneRules.MaxSegmentNameLength, suffix, InsiderOneRules.MaxSegmentNameLength - suffix.Length);
    }
}
