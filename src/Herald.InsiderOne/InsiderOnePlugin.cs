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

    public IReadOnlyList<FieldProblem> CheckDestination(SettingsDocument settings)
    {
        var (read, problems) = InsiderOneDestinationSettings.Read(settings);
        return problems.Count > 0 ? problems : CheckRoute(read.ToRoute());
    }

    public SegmentRoute RouteOf(SettingsDocument settings) =>
        InsiderOneDestinationSettings.Read(settings) is ({ } read, []) && CheckRoute(read.ToRoute()) is []
            ? read.ToRoute()
            : throw new FormatException("The destination's settings are not Insider One's: save the destination again to see what to change.");

    public IReadOnlyList<FieldProblem> CheckRoute(SegmentRoute route)
    {
        var problems = new List<FieldProblem>();
        problems.AddRange(InsiderOneRules.CheckSegmentName(route.SegmentName).Select(m => new FieldProblem(nameof(route.SegmentName), m)));
        problems.AddRange(InsiderOneRules.CheckAttributeName(route.AttributeName).Select(m => new FieldProblem(nameof(route.AttributeName), m)));
        if (problems.Count == 0)
        {
            problems.AddRange(InsiderOneRules.CheckSplitSegmentName(route.SegmentName, route.AllowSplit).Select(m => new FieldProblem(nameof(route.SegmentName), m)));
        }
        problems.AddRange(CatalogRules.CheckShrinkGuardShare(route.ShrinkGuardShare).Select(m => new FieldProblem(nameof(route.ShrinkGuardShare), m)));
        return problems;
    }

    public IReadOnlyList<string> SecretNames { get; } = [InsiderOneCredentialSettings.ApiTokenSecret];

    public IReadOnlyList<FieldProblem> CheckCredential(SettingsDocument settings, SecretValues secrets, bool isNew)
    {
        var problems = new List<FieldProblem>(InsiderOneCredentialSettings.Read(settings).Problems);
        foreach (var name in secrets.Names.Where(n => !SecretNames.Contains(n)))
        {
            problems.Add(new FieldProblem(null, $"Insider One's credentials hold one secret, the API token; '{name}' is not one of them."));
        }
        var token = secrets[InsiderOneCredentialSettings.ApiTokenSecret];
        if (isNew || token is not null)
        {
            problems.AddRange(InsiderOneRules.CheckApiToken(token).Select(m => new FieldProblem("ApiToken", m)));
        }
        return problems;
    }

    public SegmentAccount AccountOf(SettingsDocument settings, SecretValues secrets) =>
        new(InsiderOneCredentialSettings.Of(settings).PartnerName,
            secrets[InsiderOneCredentialSettings.ApiTokenSecret] ?? throw new FormatException("The credential has no API token: rotate its token."));

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
