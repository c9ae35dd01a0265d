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
        // The plain-TorchSharp baseline must run as a TorchSharp program does, so it is entered before
        // anything touches RnnLab's library (whose loading makes RnnLab's threading choice).
        args is [PlainTorchSharp.Verb, ..] ? PlainTorchSharp.Run(args[1..]) : RunBench(args);

    // Not inlined: compiled into Main (methods are compiled optimized at once here), its reference to
    // RnnLab's TorchThreads would load RnnLab's library, and its threading choice, before the baseline starts.
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    private static int RunBench(string[] args)
    {
        TorchThreads.Configure();
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
