using System.Net;
using System.Text.RegularExpressions;

namespace Herald.Tests.Support;

/// <summary>The web UI as a browser without JavaScript speaks it: cookies, forms with their antiforgery token, no redirects followed.</summary>
public sealed partial class UiClient : IDisposable
{
    public UiClient(Uri baseUrl)
    {
        Http = new HttpClient(new HttpClientHandler { CookieContainer = Cookies, AllowAutoRedirect = false }) { BaseAddress = baseUrl };
    }

    public CookieContainer Cookies { get; } = new();

    public HttpClient Http { get; }

    /// <summary>Posts a form as the page at <paramref name="pagePath"/> would, with the page's antiforgery token.</summary>
    public async Task<HttpResponseMessage> PostFormAsync(string pagePath, string postPath, IReadOnlyDictionary<string, string> fields, IEnumerable<KeyValuePair<string, string>>? headers = null)
    {
        var page = await Http.GetStringAsync(pagePath);
        var token = AntiforgeryToken().Match(page).Groups[1].Value;
        using var request = new HttpRequestMessage(HttpMethod.Post, postPath)
        {
            Content = new FormUrlEncodedContent(fields.Append(new KeyValuePair<string, string>("__RequestVerificationToken", token))),
        };
        foreach (var (name, value) in headers ?? [])
        {
            request.Headers.Add(name, value);
        }
        return await Http.SendAsync(request);
    }

    public Task<HttpResponseMessage> SignInAsync(string key, string? returnUrl = null, IEnumerable<KeyValuePair<string, string>>? headers = null) =>
        PostFormAsync("/signin", "/signin", new Dictionary<string, string> { ["Key"] = key, ["ReturnUrl"] = returnUrl ?? "" }, headers);

    public Task<HttpResponseMessage> SignInWithPasswordAsync(string userName, string password) =>
        PostFormAsync("/signin", "/signin", new Dictionary<string, string> { ["UserName"] = userName, ["Password"] = password, ["ReturnUrl"] = "" });

    public void Dispose() => Http.Dispose();

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryToken();
}
