namespace Herald.Application.Runs.Steps;

/// <summary>Sizes as reasons show them: megabytes for people, bytes for checking.</summary>
internal static class FileSizes
{
    public static string Format(long bytes) => $"{bytes / (1024.0 * 1024):0.##} MB ({bytes:N0} bytes)";
}
