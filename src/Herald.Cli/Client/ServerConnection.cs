namespace Herald.Cli.Client;

/// <summary>Which server a command talks to and the key it shows; <see cref="ApiKeySource"/> says where the key came from, for error hints.</summary>
internal sealed record ServerConnection(Uri Url, string? ApiKey, string ApiKeySource)
{
    public HeraldApiClient CreateClient() => new(Url, ApiKey);
}
