namespace Herald.Browser.Tests.Support;

/// <summary>
/// Full-page screenshots of each page, saved in <c>artifacts/screenshots/</c>. With
/// <c>HERALD_UPDATE_DOC_SCREENSHOTS=1</c> the main ones are also copied to <c>docs/screenshots/</c>, which
/// the README shows; they are not rewritten on every test run, to keep the work tree clean.
/// </summary>
public sealed class Screenshots
{
    private static readonly string Root = FindRepositoryRoot();

    public string Directory { get; } = Path.Combine(Root, "artifacts", "screenshots");

    public async Task TakeAsync(IPage page, string name, bool forDocs = false)
    {
        System.IO.Directory.CreateDirectory(Directory);
        var path = Path.Combine(Directory, name + ".png");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = path, FullPage = true, Animations = ScreenshotAnimations.Disabled });
        if (forDocs && Environment.GetEnvironmentVariable("HERALD_UPDATE_DOC_SCREENSHOTS") == "1")
        {
            var docs = Path.Combine(Root, "docs", "screenshots");
            System.IO.Directory.CreateDirectory(docs);
            File.Copy(path, Path.Combine(docs, name + ".png"), overwrite: true);
        }
    }

    private static string FindRepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Herald.sln")))
            {
                return directory.FullName;
            }
        }
        return Path.GetTempPath();
    }
}
