using System.Runtime.CompilerServices;
using System.Text;

namespace Herald.Simulator.Processing;

/// <summary>Reads a one-column CSV (insider-one.md section 2) value by value, as it streams in.</summary>
internal static class CsvValueReader
{
    private const int ChunkBytes = 64 * 1024;

    /// <summary>Yields each non-empty line, split on '\n' only.</summary>
    /// <remarks>
    /// The contract promises '\n' line endings, so a '\r' stays in its value, where the attribute rules count it
    /// invalid: a sender writing "\r\n" sees it in the counts. Bytes are decoded as UTF-8 without skipping a
    /// byte-order mark, which the contract does not allow either; it would stay in the first value.
    /// </remarks>
    /// <exception cref="FileTooLargeException">More than <paramref name="maxBytes"/> bytes arrived.</exception>
    public static async IAsyncEnumerable<string> ReadValuesAsync(
        Stream stream, long maxBytes, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var decoder = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: false).GetDecoder();
        var bytes = new byte[ChunkBytes];
        var chars = new char[Encoding.UTF8.GetMaxCharCount(ChunkBytes)];
        var line = new StringBuilder();
        long totalBytes = 0;
        while (true)
        {
            var read = await stream.ReadAsync(bytes, cancellationToken);
            totalBytes += read;
            if (totalBytes > maxBytes)
            {
                throw new FileTooLargeException(maxBytes);
            }

            var end = read == 0;
            var charCount = decoder.GetChars(bytes, 0, read, chars, 0, flush: end);
            var start = 0;
            for (var i = 0; i < charCount; i++)
            {
                if (chars[i] != '\n')
                {
                    continue;
                }

                line.Append(chars, start, i - start);
                start = i + 1;
                if (line.Length > 0)
                {
                    yield return line.ToString();
                    line.Clear();
                }
            }

            line.Append(chars, start, charCount - start);
            if (end)
            {
                break;
            }
        }

        if (line.Length > 0)
        {
            yield return line.ToString();
        }
    }
}
