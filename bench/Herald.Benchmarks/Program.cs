using Herald.Benchmarks.Support;

var root = Path.Combine(Path.GetTempPath(), "herald-bench");
if (args is ["prepare", .. var sizes])
{
    foreach (var size in sizes)
    {
        Console.WriteLine(await SampleCache.GetAsync(root, int.Parse(size), Console.Out));
    }
    return 0;
}
return 1;
