namespace Herald.Server.Api;

/// <summary>Where a hand-over link points: the public page <c>/handover/{token}</c> under Herald's public address.</summary>
internal static class HandoverPaths
{
    public static string LinkOf(Uri baseUrl, string token) => new Uri(baseUrl, $"handover/{token}").ToString();
}
