using System.CommandLine;
using System.CommandLine.Help;
using RnnLab.Cli.Commands;
using RnnLab.Configuration;

namespace RnnLab.Cli;

/// <summary>
/// Entry point of the rnnlab command: the verbs as System.CommandLine commands. A mistake on the command
/// line prints one line naming the verb and exits 2 (with the nearest verb for a misspelt one); a missing
/// or damaged run, file or config prints one line naming it and exits 1.
/// </summary>
public static class Program
{
    private static ICommand[] Verbs => [new TrainCommand(), new ResumeCommand(), new AnalyzeCommand(), new CompareCommand(), new SimilarityCommand(), new ExportCommand(), new ReportCommand(), new InfoCommand(), new SweepCommand(), new StudyCommand(), new WorkerCommand()];

    /// <summary>Runs one verb; returns the process exit code.</summary>
    public static int Main(string[] args)
    {
        RnnLabRuntime.Configure();   // before any tensor op, so every op of the process runs under one threading choice
        if (args is ["--version"] or ["version"])
        {
            Console.WriteLine(Diagnostics.RuntimeReport.VersionLine());
            return 0;
        }
        var root = Root();
        if (args.Length == 0)
        {
            root.Parse(["--help"]).Invoke();
            return 2;
        }
        var parse = root.Parse(args);
        // The verb as typed, subcommand included ("sweep status"), for the one line a mistake prints.
        var verbs = new List<string>();
        for (var result = parse.CommandResult; result is not null && result.Command != root; result = result.Parent as System.CommandLine.Parsing.CommandResult)
            verbs.Insert(0, result.Command.Name);
        var verb = verbs.Count == 0 ? null : string.Join(' ', verbs);
        if (parse.Errors.Count > 0)
        {
            // An unknown verb is the first thing to say; "required command was not provided" would only follow from it.
            var error = parse.Errors.FirstOrDefault(e => e.Message.StartsWith("Unrecognized command or argument", StringComparison.Ordinal)) ?? parse.Errors[0];
            Console.Error.WriteLine($"rnnlab{(verb is null ? "" : " " + verb)}: {Describe(error.Message, root)}");
            return 2;
        }
        try
        {
            return parse.Invoke(new InvocationConfiguration { EnableDefaultExceptionHandler = false });   // our handlers below print one line
        }
        catch (UsageException e)
        {
            Console.Error.WriteLine($"rnnlab {verb}: {e.Message}");
            return 2;
        }
        catch (Exception e) when (e is IOException or ConfigurationException)
        {
            // A missing or damaged run, file or config: the message names it.
            Console.Error.WriteLine($"rnnlab {verb}: {Hosting.ErrorWording.Of(e)}");
            return 1;
        }
    }

    /// <summary>
    /// The root command with every verb. A plain Command named rnnlab rather than a RootCommand, which would
    /// take the name of the .NET assembly (RnnLab.Cli) and answer --version with its version alone.
    /// </summary>
    public static Command Root()
    {
        var root = new Command("rnnlab", "train continuous-time rate RNNs on cognitive tasks and analyse their dynamics. " +
            "The launcher also runs './rnnlab test' (the test suite; --fast skips slow end-to-end tests) and './rnnlab bench' (RnnLab against plain TorchSharp and PyTorch, bench/); " +
            "--version prints RnnLab, libtorch and BLAS versions.")
        {
            new HelpOption(),
        };
        foreach (var verb in Verbs) root.Subcommands.Add(verb.Build());
        return root;
    }

    // An unknown verb gets the nearest one suggested.
    private static string Describe(string error, Command root)
    {
        const string unrecognized = "Unrecognized command or argument '";
        if (!error.StartsWith(unrecognized, StringComparison.Ordinal)) return error;
        var word = error[unrecognized.Length..].TrimEnd('.', '\'');
        var verbs = root.Subcommands.Where(c => !c.Hidden).Select(c => c.Name).Append("bench").Append("test").ToList();
        var nearest = verbs.MinBy(v => Distance(word, v))!;
        return Distance(word, nearest) <= 2 && !word.StartsWith('-')
            ? $"unknown verb '{word}'; did you mean '{nearest}'? Verbs: {string.Join(", ", verbs)}."
            : error;
    }

    // Levenshtein distance, with a swap of two neighbours counting once ("trian" is one step from "train").
    private static int Distance(string a, string b)
    {
        var d = new int[a.Length + 1, b.Length + 1];
        for (var i = 0; i <= a.Length; i++) d[i, 0] = i;
        for (var j = 0; j <= b.Length; j++) d[0, j] = j;
        for (var i = 1; i <= a.Length; i++)
            for (var j = 1; j <= b.Length; j++)
            {
                d[i, j] = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1));
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) d[i, j] = Math.Min(d[i, j], d[i - 2, j - 2] + 1);
            }
        return d[a.Length, b.Length];
    }
}
