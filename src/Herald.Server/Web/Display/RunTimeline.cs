using System.Globalization;

namespace Herald.Server.Web.Display;

/// <summary>
/// The run's steps drawn as bars on one time axis (an inline SVG of <see cref="Width"/> units), so that
/// where the time went is seen at a glance: the wait for Insider One's report is usually the longest bar.
/// </summary>
internal sealed record RunTimeline(IReadOnlyList<TimelineBar> Bars, IReadOnlyList<TimelineTick> Ticks, int Height)
{
    public const int Width = 1000;
    public const int LabelWidth = 150;
    public const int RowHeight = 28;
    private const int AxisHeight = 26;
    private const int PlotWidth = Width - LabelWidth - 20;

    public static RunTimeline From(IReadOnlyList<RunStep> steps, DateTimeOffset now)
    {
        var drawn = steps.Where(s => s.Duration is not null || !StateBadge.IsFinal(s.State)).ToList();
        if (drawn.Count == 0)
        {
            return new RunTimeline([], [], AxisHeight);
        }
        var start = steps[0].StartedAt;
        var end = steps[^1].Duration is null ? steps[^1].StartedAt : steps[^1].StartedAt + steps[^1].Duration!.Value;
        var span = Math.Max((end - start).TotalMilliseconds, 1);
        var bars = new List<TimelineBar>();
        for (var i = 0; i < drawn.Count; i++)
        {
            var step = drawn[i];
            var offset = (step.StartedAt - start).TotalMilliseconds / span * PlotWidth;
            var width = Math.Max((step.Duration ?? TimeSpan.Zero).TotalMilliseconds / span * PlotWidth, 3);
            bars.Add(new TimelineBar(
                Format.StateLabel(step.State), step.State.Replace('_', '-'),
                Round(LabelWidth + offset), i * RowHeight + 4, Round(Math.Min(width, PlotWidth - offset + 3)), RowHeight - 10,
                $"{Format.StateLabel(step.State)}: {Format.Duration(step.Duration ?? TimeSpan.Zero)}{(step.Current ? " so far" : "")}, from {Format.Time(step.StartedAt)}"));
        }
        var total = TimeSpan.FromMilliseconds(span);
        var axisY = drawn.Count * RowHeight + 4;
        var ticks = Enumerable.Range(0, 5)
            .Select(k => new TimelineTick(Round(LabelWidth + k * PlotWidth / 4.0), axisY, k == 0 ? "0" : "+" + Format.Duration(total * k / 4)))
            .ToList();
        return new RunTimeline(bars, ticks, axisY + AxisHeight);
    }

    private static string Round(double value) => value.ToString("0.#", CultureInfo.InvariantCulture);
}

internal sealed record TimelineBar(string Label, string CssState, string X, int Y, string Width, int BarHeight, string Title);

internal sealed record TimelineTick(string X, int Y, string Label);
