using System.Text;
using System.Text.Json;

namespace Herald.Simulator.Tests.Support;

/// <summary>Calls to the simulator's API as a client would make them, with the body written out as JSON text so
/// that tests control its exact shape.</summary>
internal sealed class InsiderOneCalls(Uri baseUrl) : IDisposable
{
    public const string Partner = "herald-demo";
    public const string Token = "demo-token";

    private readonly HttpClient http = new() { BaseAddress = baseUrl };

    public static string UploadBody(string segmentName, string fileUrl, string callbackUrl, string attributeName = "email") =>
        JsonSerializer.Serialize(new Dictionary<string, string>
        {
            ["segmentName"] = segmentName,
            ["fileUrl"] = fileUrl,
            ["callbackUrl"] = callbackUrl,
            ["attributeName"] = attributeName,
        });

    public Task<HttpResponseMessage> UploadAsync(
        string segmentName, string fileUrl, string callbackUrl, string attributeName = "email", string partner = Partner, string token = Token) =>
        PostAsync("/fps/v1/upload", UploadBody(segmentName, fileUrl, callbackUrl, attributeName), partner, token);

    public Task<HttpResponseMessage> DownloadAsync(string segmentName, string partner = Partner, string token = Token) =>
        PostAsync("/fps/v1/download", JsonSerializer.Serialize(new { segmentName }), partner, token);

    public Task<HttpResponseMessage> PostAsync(
        string path, string body, string? partner = Partner, string? token = Token, string contentType = "application/json") =>
        http.SendAsync(Request(HttpMethod.Post, path, body, partner, token, contentType));

    public Task<HttpResponseMessage> GetAsync(string url) => http.GetAsync(url);

    public Task<HttpResponseMessage> SendAsync(HttpRequestMessage request) => http.SendAsync(request);

    public static HttpRequestMessage Request(
        HttpMethod method, string path, string body, string? partner = Partner, string? token = Token, string contentType = "application/json")
    {
        var request = new HttpRequestMessage(method, path) { Content = new StringContent(body, Encoding.UTF8, contentType) };
        if (partner is not null)
        {
            request.Headers.Add("X-PARTNER-NAME", partner);
        }

        if (token is not null)
        {
            request.Headers.Add("X-REQUEST-TOKEN", token);
        }

        return request;
    }

    public void Dispose() => http.Dispose();
}
