namespace Herald.Snowflake.Statements;

/// <summary>Reads an answer's body up to a limit, so an answer from outside cannot fill memory.</summary>
internal static class BoundedAnswer
{
    /// <exception cref="SnowflakeException">The body is larger than <paramref name="maxBytes"/>.</exception>
    public static async Task<byte[]> ReadAsync(HttpResponseMessage response, int maxBytes, CancellationToken cancellationToken)
    {
        if (response.Content.Headers.ContentLength > maxBytes)
        {
            throw TooLarge(maxBytes);
        }

        await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken);
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await stream.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > maxBytes)
            {
                throw TooLarge(maxBytes);
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }

    private static SnowflakeException TooLarge(int maxBytes) => new(SnowflakeFailureKind.Protocol,
        $"Snowflake's answer is larger than {maxBytes:N0} bytes (Herald:Snowflake:MaxAnswerBytes); Herald stopped reading it. " +
        "Raise the setting if the result is expected to be that large.");
}
