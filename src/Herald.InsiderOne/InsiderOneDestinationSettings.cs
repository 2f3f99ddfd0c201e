using System.Globalization;
using System.Text.Json.Nodes;
using Herald.Core.Catalog;
using Herald.Core.Updates;

namespace Herald.InsiderOne;

/// <summary>
/// Insider One's settings of a destination, stored as its settings document: the first-party segment the audience
/// becomes and the attribute its values are (insider-one.md sections 2 and 3), how each run changes the segment
/// (section 4), whether an audience over the file limit is split into numbered segments, and the destination's own
/// shrink guard. Members: <c>segmentName</c>, <c>attributeName</c>, <c>updateMode</c> (<c>replace</c>, the default, or
/// <c>add</c>), <c>allowSplit</c> (false by default), <c>shrinkGuardShare</c> (0 to 1; absent for the server's).
/// </summary>
public sealed record InsiderOneDestinationSettings(
    string SegmentName,
    string AttributeName,
    SegmentUpdateMode UpdateMode = SegmentUpdateMode.Replace,
    bool AllowSplit = false,
    double? ShrinkGuardShare = null)
{
    internal const string SegmentNameMember = "segmentName";
    internal const string AttributeNameMember = "attributeName";
    internal const string UpdateModeMember = "updateMode";
    internal const string AllowSplitMember = "allowSplit";
    internal const string ShrinkGuardShareMember = "shrinkGuardShare";

    /// <summary>
    /// The settings as a form or request gives them: a null member is left out (for a new destination, its default;
    /// for a change, as stored), <paramref name="clearShrinkGuardShare"/> goes back to the server's shrink guard. The
    /// values are checked when the destination is saved, not here: an unknown update mode is kept to be refused then.
    /// </summary>
    public static SettingsDocument Document(
        string? segmentName, string? attributeName, string? updateMode = null, bool? allowSplit = null, double? shrinkGuardShare = null, bool clearShrinkGuardShare = false)
    {
        var settings = new JsonObject();
        if (segmentName is not null)
        {
            settings[SegmentNameMember] = segmentName;
        }
        if (attributeName is not null)
        {
            settings[AttributeNameMember] = attributeName;
        }
        if (updateMode is not null)
        {
            settings[UpdateModeMember] = updateMode;
        }
        if (allowSplit is { } split)
        {
            settings[AllowSplitMember] = split;
        }
        if (clearShrinkGuardShare)
        {
            // A merge patch removes a member set to null.
            settings[ShrinkGuardShareMember] = null;
        }
        else if (shrinkGuardShare is { } share)
        {
            // JSON has no NaN or infinity: such a value is kept as text, to be refused as not a number when saved.
            settings[ShrinkGuardShareMember] = double.IsFinite(share) ? share : share.ToString(CultureInfo.InvariantCulture);
        }
        return SettingsDocument.From(settings);
    }

    /// <summary>The settings as stored, for showing; absent names read as empty and other members as their defaults.</summary>
    public static InsiderOneDestinationSettings Of(SettingsDocument settings) => Read(settings).Settings;

    /// <summary>The route the run engine follows.</summary>
    public SegmentRoute ToRoute() => new(SegmentName, AttributeName, UpdateMode, AllowSplit, ShrinkGuardShare);

    internal static (InsiderOneDestinationSettings Settings, List<FieldProblem> Problems) Read(SettingsDocument document)
    {
        var reader = new SettingsReader(document, SegmentNameMember, AttributeNameMember, UpdateModeMember, AllowSplitMember, ShrinkGuardShareMember);
        var segmentName = reader.Text(SegmentNameMember);
        var attributeName = reader.Text(AttributeNameMember);
        var modeName = reader.Text(UpdateModeMember);
        var allowSplit = reader.Flag(AllowSplitMember) ?? false;
        var share = reader.Number(ShrinkGuardShareMember);
        var problems = reader.Problems;
        var mode = SegmentUpdateMode.Replace;
        if (modeName is not null && !SegmentUpdateModes.TryParse(modeName, out mode))
        {
            problems.Add(new FieldProblem(SettingsReader.FieldOf(UpdateModeMember),
                $"The update mode '{modeName}' is not known: use 'replace' (the segment becomes exactly the audience) or 'add' (members are never removed)."));
        }
        return (new InsiderOneDestinationSettings(segmentName ?? "", attributeName ?? "", mode, allowSplit, share), problems);
    }
}
