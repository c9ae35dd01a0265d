namespace RnnLab.Cli.Tests;

/// <summary>Runs the rnnlab command in process and captures what it prints (tests using it share the console collection).</summary>
internal static class CliRunner
{
    public static (int code, string output, string error) Run(params string[] args)
    {
        var (stdout, stderr) = (Console.Out, Console.Error);
        using var output = new StringWriter();
        using var error = new StringWriter();
        Console.SetOut(output);
        Console.SetError(error);
        try
        {
            return (Program.Main(args), output.ToString(), error.ToString());
        }
        finally
        {
            Console.SetOut(stdout);
            Console.SetError(stderr);
        }
    }

    /// <summary>The RnnLab checkout the tests were built in (the folder holding RnnLab.sln).</summary>
    public static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "RnnLab.sln"))) return dir.FullName;
        throw new InvalidOperationException($"no RnnLab.sln above {AppContext.BaseDirectory}");
    }
}
