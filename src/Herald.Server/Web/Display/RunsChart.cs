using System.Globalization;
using Herald.Core.Runs;

namespace Herald.Server.Web.Display;

/// <summary>
/// The dashboard's chart: runs started per day over the last <see cref="Days"/> days, stacked by outcome,
/// as geometry for an inline SVG (no script, no chart library).
/// </summary>
internal sealed record RunsChart(IReadOnlyList<ChartDay> Days, IReadOnlyList<ChartGridLine> Grid, int Total)
{
    public const int DayCount = 14;
    public const int Width = 1000;
    public const int Height = 240;
    private const int Left = 36;
    private const int Bottom = 28;
    private const int Top = 10;

    public static readonly IReadOnlyList<(string Key, string Label)> Outcomes =
        [("succeeded", "Succeeded"), ("failed", "Failed"), ("cancelled", "Cancelled"), ("in-flight", "In flight")];

    /// <summary>The run history filtered to one day (UTC) and, for an outcome that is a state, that state.</summary>
    public static string RunsOf(DateTime day, string? outcome)
    {
        var date = day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var state = outcome is "succeeded" or "failed" or "cancelled" ? $"&state={outcome}" : "";
        return $"/runs?when=range&from={date}&to={date}{state}";
    }

    public static RunsChart From(IReadOnlyList<Run> runs, DateTimeOffset now)
    {
        var today = now.UtcDateTime.Date;
        var first = today.AddDays(-(DayCount - 1));
        var byDay = runs.Where(r => r.CreatedAt.UtcDateTime >= first)
            .GroupBy(r => r.CreatedAt.UtcDateTime.Date)
            .ToDictionary(g => g.Key, g => g.ToList());
        var counts = Enumerable.Range(0, DayCount).Select(i =>
        {
            var day = first.AddDays(i);
            var list = byDay.GetValueOrDefault(day) ?? [];
            return (Day: day, Counts: new Dictionary<string, int>
            {
                ["succeeded"] = list.Count(r => r.State == RunState.Succeeded),
                ["failed"] = list.Count(r => r.State == RunState.Failed),
                ["cancelled"] = list.Count(r => r.State == RunState.Cancelled),
                ["in-flight"] = list.Count(r => !r.IsFinal),
            });
        }).ToList();

        var max = NiceMax(counts.Max(c => c.Counts.Values.Sum()));
        var plotHeight = Height - Top - Bottom;
        var slot = (Width - Left) / (double)DayCount;
        var days = new List<ChartDay>();
        for (var i = 0; i < counts.Count; i++)
        {
            var (day, dayCounts) = counts[i];
            var x = Left + i * slot + slot * 0.18;
            var y = (double)(Height - Bottom);
            var segments = new List<ChartSegment>();
            foreach (var (key, label) in Outcomes)
            {
                var n = dayCounts[key];
                if (n == 0)
                {
                    continue;
                }
                var h = n / (double)max * plotHeight;
                y -= h;
                segments.Add(new ChartSegment(key, Num(y), Num(h), $"{day:MMM d}: {n} {label.ToLowerInvariant()}"));
            }
            var axisLabel = i % 2 == (DayCount - 1) % 2 ? day.ToString("MMM d", CultureInfo.InvariantCulture) : "";
            days.Add(new ChartDay(day, Num(x), Num(slot * 0.64), Num(Left + i * slot + slot / 2), axisLabel, segments, dayCounts));
        }
        var grid = Enumerable.Range(0, 5).Select(k =>
        {
            var value = max * k / 4;
            return new ChartGridLine(Num(Height - Bottom - value / (double)max * plotHeight), value.ToString(CultureInfo.InvariantCulture));
        }).Where((_, k) => k == 0 || max >= 4 || k == 4).ToList();
        return new RunsChart(days, grid, counts.Sum(c => c.Counts.Values.Sum()));
    }

    public static int Baseline => Height - Bottom;
    public static int AxisLeft => Left;

    private static int NiceMax(int value)
    {
        if (value <= 4)
        {
            return 4;
        }
        var magnitude = Math.Pow(10, Math.Floor(Math.Log10(value)));
        foreach (var step in new[] { 1, 2, 2.5, 4, 5, 10 })
        {
            var candidate = (int)(step * magnitude);
            if (candidate >= value && candidate % 4 == 0)
            {
                return candidate;
            }
        }
        return (value + 3) / 4 * 4;
    }

    private static string Num(double value) => value.ToString("0.#", CultureInfo.InvariantCulture);
}

internal sealed record ChartDay(DateTime Day, string X, string BarWidth, string LabelX, string Label, IReadOnlyList<ChartSegment> Segments, IReadOnlyDictionary<string, int> Counts);

internal sealed record ChartSegment(string Outcome, string Y, string Height, string Title);

internal sealed record ChartGridLine(string Y, string Label);
