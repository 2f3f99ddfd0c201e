using Herald.Core.Ports;
using Herald.Core.Updates;
using Herald.Sources.DuckDb;
using Herald.Tests.Support;

namespace Herald.Tests.Updates;

/// <summary>The comparison engine on its own: files in, the difference, its sample and the files to upload out.</summary>
public sealed class SegmentComparerTests : IDisposable
{
    private readonly TestDirectory _directory = new("comparer");
    private readonly DuckDbSegmentComparer _comparer;

    public SegmentComparerTests() => _comparer = new DuckDbSegmentComparer(_directory.File("tmp"), "256MB", threads: 2);

    public void Dispose() => _directory.Dispose();

    [Fact]
    public async Task Replace_CountsAddedRemovedAndKept_AndOutputsExactlyTheAudience()
    {
        var current = Write("current.csv", "a", "b", "c", "d", "e");
        var audience = Write("audience.csv", "a", "b", "c", "x", "y", "z");

        var result = await _comparer.CompareAsync(current, audience, SegmentUpdateMode.Replace, _directory.File("out.csv"), 2, CancellationToken.None);

        result.Diff.ShouldBe(new SegmentDiff(3, 2, 3));
        result.Sample.Added.Count.ShouldBe(2);
        result.Sample.Added.ShouldAllBe(v => v == "x" || v == "y" || v == "z");
        result.Sample.Removed.ShouldBe(["d", "e"], ignoreOrder: true);
        Read("out.csv").ShouldBe(["a", "b", "c", "x", "y", "z"], ignoreOrder: true);
        result.OutputBytes.ShouldBe(12);
    }

    [Fact]
    public async Task Add_KeepsEveryMemberAndAddsTheNewOnes()
    {
        var current = Write("current.csv", "a", "b", "c");
        var audience = Write("audience.csv", "c", "d");

        var result = await _comparer.CompareAsync(current, audience, SegmentUpdateMode.Add, _directory.File("out.csv"), 100, CancellationToken.None);

        result.Diff.ShouldBe(new SegmentDiff(1, 0, 3));
        Read("out.csv").ShouldBe(["a", "b", "c", "d"], ignoreOrder: true);
    }

    [Fact]
    public async Task SegmentInsiderOneDoesNotHave_MakesEveryValueAdded()
    {
        var audience = Write("audience.csv", "a", "b");

        var result = await _comparer.CompareAsync(null, audience, SegmentUpdateMode.Replace, _directory.File("out.csv"), 100, CancellationToken.None);

        result.Diff.ShouldBe(new SegmentDiff(2, 0, 0));
    }

    [Fact]
    public async Task Values_AreTakenAsTheyAre_WithCommasQuotesSpacesAndCarriageReturnLineEnds()
    {
        var current = _directory.File("current.csv");
        await File.WriteAllTextAsync(current, "a,b\r\n\"quoted\"\r\n with space\r\n\r\n");
        var audience = Write("audience.csv", "a,b", "\"quoted\"", " with space");

        var result = await _comparer.CompareAsync(current, audience, SegmentUpdateMode.Replace, _directory.File("out.csv"), 100, CancellationToken.None);

        result.Diff.ShouldBe(new SegmentDiff(0, 0, 3));
    }

    [Fact]
    public async Task SplitLayout_KeepsEachValueInItsPart_AndPutsNewValuesWhereThereIsRoom()
    {
        var audience = Write("audience.csv", [.. Enumerable.Range(0, 100).Select(i => $"v{i:000}")]);
        var first = await _comparer.CompareAsync(
            new SegmentComparisonRequest([null], audience, SegmentUpdateMode.Replace, MaxPartBytes: 150, AllowSplit: true, _directory.File("first")), CancellationToken.None);
        var previous = first.Parts.Select(p => p.File).ToList();
        var partOf = first.Parts.SelectMany(p => File.ReadAllLines(p.File).Select(v => (v, p.Number))).ToDictionary(x => x.v, x => x.Number);
        var next = Write("next.csv", [.. Enumerable.Range(5, 100).Select(i => $"v{i:000}")]);

        var second = await _comparer.CompareAsync(
            new SegmentComparisonRequest([.. previous], next, SegmentUpdateMode.Replace, MaxPartBytes: 150, AllowSplit: true, _directory.File("second")), CancellationToken.None);

        first.LayoutKept.ShouldBeFalse();
        first.Parts.Count.ShouldBeGreaterThanOrEqualTo(5, "500 bytes at 80% of 150 bytes per part");
        first.Parts.ShouldAllBe(p => p.Bytes <= 150);
        second.LayoutKept.ShouldBeTrue();
        second.Diff.ShouldBe(new SegmentDiff(5, 5, 95));
        second.Parts.ShouldAllBe(p => p.Bytes <= 150);
        var now = second.Parts.SelectMany(p => File.ReadAllLines(p.File).Select(v => (v, p.Number))).ToList();
        now.Select(x => x.v).ShouldBe(Enumerable.Range(5, 100).Select(i => $"v{i:000}"), ignoreOrder: true);
        now.Where(x => partOf.ContainsKey(x.v)).ShouldAllBe(x => partOf[x.v] == x.Number);
        second.Parts.Sum(p => p.Diff.Added).ShouldBe(5);
    }

    [Fact]
    public async Task AudienceOverTheLimit_WithoutSplitting_IsTooLargeAndNothingIsWritten()
    {
        var audience = Write("audience.csv", [.. Enumerable.Range(0, 100).Select(i => $"v{i:000}")]);

        var result = await _comparer.CompareAsync(
            new SegmentComparisonRequest([null], audience, SegmentUpdateMode.Replace, MaxPartBytes: 150, AllowSplit: false, _directory.File("out")), CancellationToken.None);

        result.TooLarge.ShouldBeTrue();
        result.TotalBytes.ShouldBe(500);
        Directory.EnumerateFiles(_directory.File("out")).ShouldBeEmpty();
    }

    [Fact]
    public async Task SameValues_InAnyOrder_AreRecognised()
    {
        (await _comparer.HoldSameValuesAsync(Write("one.csv", "a", "b"), Write("two.csv", "b", "a"), CancellationToken.None)).ShouldBeTrue();
        (await _comparer.HoldSameValuesAsync(Write("three.csv", "a", "b"), Write("four.csv", "a", "c"), CancellationToken.None)).ShouldBeFalse();
    }

    private string Write(string name, params string[] values)
    {
        var path = _directory.File(name);
        File.WriteAllText(path, string.Concat(values.Select(v => v + "\n")));
        return path;
    }

    private string[] Read(string name) => File.ReadAllLines(_directory.File(name));
}
