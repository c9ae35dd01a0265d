using System.CommandLine;
using RnnLab.Experiments;

namespace RnnLab.Cli.Commands;

/// <summary>`--network K`: one network (seed-K) of a multi-seed run, for the verbs that otherwise take every network.</summary>
internal static class NetworkSelection
{
    /// <summary>The option, described for a verb ("trains", "analyses").</summary>
    public static Option<int?> Option(string verb) => new("--network") { Description = $"only network K (seed-K) of a multi-seed run {verb}", HelpName = "K" };

    /// <summary>The networks selected: all when only is null; throws a UsageException naming the allowed range otherwise.</summary>
    public static IReadOnlyList<NetworkDirectory> Of(RunDirectory run, int? only)
    {
        if (only is null) return run.Networks;
        if (only is not { } k || k < 0 || k >= run.Networks.Count || run.Seeds is null)
            throw new UsageException(run.Seeds is null
                ? $"--network selects a network of a multi-seed run; {run.Path} holds one network."
                : $"--network takes the index of a network of this multi-seed run, 0 to {run.Networks.Count - 1}, got '{only}'.");
        return [run.Networks[k]];
    }
}
