using RnnLab.Cli.Commands;
using RnnLab.Configuration;

namespace RnnLab.Cli;

/// <summary>Entry point of the rnnlab command: finds the verb and runs it.</summary>
public static class Program
{
    private static ICommand[] Commands => [new TrainCommand(), new ResumeCommand(), new AnalyzeCommand(), new CompareCommand(), new ExportCommand(), new ReportCommand(), new InfoCommand(), new BenchCommand()];

    /// <summary>Runs one verb; returns the process exit code.</summary>
    public static int Main(string[] args) =>
        // The bench's plain-TorchSharp baseline must run as a TorchSharp program does, so it is entered
        // before anything touches RnnLab's library (whose loading makes RnnLab's threading choice).
        args is [Bench.PlainTorchSharp.Verb, ..] ? Bench.PlainTorchSharp.Run(args[1..]) : RunVerb(args);

    private static int RunVerb(string[] args)
    {
        TorchThreads.Configure();   // before any tensor op, so every op of the process runs under one threading choice
        if (args.Length == 0 || args[0] is "-h" or "--help" or "help")
        {
            Console.WriteLine(Usage());
            return args.Length == 0 ? 2 : 0;
        }
        if (args[0] is "--version" or "version")
        {
            Console.WriteLine(Diagnostics.RuntimeReport.VersionLine());
            return 0;
        }
        var command = Commands.FirstOrDefault(c => c.Name == args[0]);
        if (command is null)
        {
            Console.Error.WriteLine($"rnnlab: unknown verb '{args[0]}'; allowed: {string.Join(", ", Commands.Select(c => c.Name))}, --version, --help.");
            return 2;
        }
        try
        {
            return command.Run(args[1..]);
        }
        catch (UsageException e)
        {
            Console.Error.WriteLine($"rnnlab {command.Name}: {e.Message}");
            return 2;
        }
        catch (Exception e) when (e is IOException or ConfigurationException)
        {
            // A missing or damaged run, file or config: the message names it.
            Console.Error.WriteLine($"rnnlab {command.Name}: {e.Message}");
            return 1;
        }
    }

    private static string Usage()
    {
        var lines = new List<string>
        {
            "rnnlab: train continuous-time rate RNNs on cognitive tasks and analyse their dynamics.",
            "",
            "usage: ./rnnlab <verb> [options]",
            "",
            "verbs:",
        };
        lines.AddRange(Commands.Select(c => $"  {c.Name,-8} {c.Summary}"));
        lines.Add($"  {"test",-8} run the test suite (handled by the launcher; --fast skips slow end-to-end tests)");
        lines.Add("");
        lines.Add("  --version  RnnLab, libtorch and BLAS versions; --help  this text; '<verb> --help' for a verb's options");
        return string.Join(Environment.NewLine, lines);
    }
}
