using System.Text;
using Herald.Simulator.Processing;

namespace Herald.Simulator.Tests.Unit;

public sealed class CsvValueReaderTests
{
    [Fact]
    public async Task ReadValues_SplitsOnNewlineOnly_AndSkipsEmptyLines()
    {
        var values = await ReadAsync("a\n\nb\r\nc", long.MaxValue);

        values.ShouldBe(["a", "b\r", "c"]);
    }

    [Fact]
    public async Task ReadValues_KeepsMultiByteCharactersSplitAcrossReads()
    {
        // One byte per read: every multi-byte character arrives in pieces.
        var bytes = Encoding.UTF8.GetBytes("Çağrı\nŞule\n😀\n");
        await using var stream = new OneByteAtATimeStream(bytes);

        var values = await CsvValueReader.ReadValuesAsync(stream, long.MaxValue, CancellationToken.None).ToListAsync();

        values.ShouldBe(["Çağrı", "Şule", "😀"]);
    }

    [Fact]
    public async Task ReadValues_OverTheLimit_ThrowsFileTooLarge()
    {
        await Should.ThrowAsync<FileTooLargeException>(() => ReadAsync("0123456789\n0123456789\n", 21));
    }

    [Fact]
    public async Task ReadValues_AtTheLimit_ReadsEverything()
    {
        var values = await ReadAsync("0123456789\n0123456789\n", 22);

        values.Count.ShouldBe(2);
    }

    private static async Task<List<string>> ReadAsync(string content, long maxBytes)
    {
        await using var stream = new MemoryStream(Encoding.UTF8.GetBytes(content));
        return await CsvValueReader.ReadValuesAsync(stream, maxBytes, CancellationToken.None).ToListAsync();
    }

    private sealed class OneByteAtATimeStream(byte[] bytes) : MemoryStream(bytes)
    {
        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            base.ReadAsync(buffer[..Math.Min(1, buffer.Length)], cancellationToken);
    }
}
