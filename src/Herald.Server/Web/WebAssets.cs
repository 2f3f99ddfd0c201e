using Microsoft.Extensions.FileProviders;

namespace Herald.Server.Web;

/// <summary>The UI's stylesheet and script, embedded in this assembly (see the project file).</summary>
internal static class WebAssets
{
    public const string RequestPath = "/assets";

    private static readonly IFileProvider Files = new EmbeddedFileProvider(typeof(WebAssets).Assembly, "Herald.Server.Web.wwwroot");

    // Changes with every build, so that a browser never keeps an old stylesheet next to new pages.
    private static readonly string Version = typeof(WebAssets).Assembly.ManifestModule.ModuleVersionId.ToString("N")[..8];

    public static string Url(string file) => $"{RequestPath}/{file}?v={Version}";

    public static StaticFileOptions StaticFileOptions() => new()
    {
        FileProvider = Files,
        RequestPath = RequestPath,
        OnPrepareResponse = context => context.Context.Response.Headers.CacheControl = "public, max-age=31536000, immutable",
    };
}
