namespace Herald.Cli;

public static class Program
{
    public static Task<int> Main(string[] args) => Cli.InvokeAsync(args, Console.Out, Console.Error);
}
