namespace Herald.Tests.Support;

/// <summary>A scratch folder removed when the test ends.</summary>
public sealed class TestDirectory : IDisposable
{
    public TestDirectory(string? name = null)
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "herald-tests", $"{name ?? "t"}-{Guid.NewGuid():N}"[..Math.Min(40, (name ?? "t").Length + 33)]);
        Directory.CreateDirectory(Path);
    }

    public string Path { get; }

    public string File(string name) => System.IO.Path.Combine(Path, name);

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // A file still open by a stopping server; the temp folder is cleaned by the OS eventually.
        }
    }
}
