using System.CommandLine;

namespace RnnLab.Bench;

/// <summary>
/// `./rnnlab bench`, a program of its own so that the product's CLI carries no benchmark harness. The
/// launcher runs it; `__plain-torchsharp` is the baseline's own process.
/// </summary>
public static class Program
{
    /// <summary>Runs the bench; returns the exit code.</summary>
    public static int Main(string[] args) =>
        // The plain-TorchSharp baseline runs as a TorchSharp program does, without RnnLab's runtime settings.
        args is [PlainTorchSharp.Verb, ..] ? PlainTorchSharp.Run(args[1..]) : RunBench(args);

    private static int RunBench(string[] args)
    {
        RnnLabRuntime.Configure();
        var command = BenchCommand.Build();
        command.Options.Add(new System.CommandLine.Help.HelpOption());
        var parse = command.Parse(args);
        if (parse.Errors.Count > 0)
        {
            Console.Error.WriteLine($"rnnlab bench: {parse.Errors[0].Message}");
            return 2;
        }
        return parse.Invoke(new InvocationConfiguration { EnableDefaultExceptionHandler = false });
    }
}
