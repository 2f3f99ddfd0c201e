using System.Net.Http.Headers;
using System.Text.Json;

namespace Herald.InsiderOne;

/// <summary>
/// A JSON request body with its <c>Content-Length</c>. <c>JsonContent</c> streams with chunked transfer encoding,
/// and a gateway that reads only <c>Content-Length</c> sees an empty body (Insider One then answers
/// 405 "Invalid Payload."); the bodies are a few hundred bytes, so Herald serializes them first.
/// </summary>
internal static class JsonRequestContent
{
    public static ByteArrayContent Of<TBody>(TBody body)
    {
        var content = new ByteArrayContent(JsonSerializer.SerializeToUtf8Bytes(body));
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
        return content;
    }
}
