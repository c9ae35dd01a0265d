using System.Globalization;
using RnnLab.Experiments;

namespace RnnLab.Analysis.Hypotheses;

/// <summary>
/// Which networks of a run enter a hypothesis test. With the spec's Inclusion = learned, a network enters
/// when the run's stop rule found it had learned the task (its learned/ weights exist); a run without a
/// stop rule (Training:StopAccuracy 0) cannot say, and every network enters. Inclusion = all takes every
/// network. The others are listed with the reason.
/// </summary>
public static class NetworkInclusion
{
    /// <summary>The networks of the run that did not learn the task, with the reason (none when the run has no stop rule).</summary>
    public static IReadOnlyDictionary<string, string> NotLearned(RunDirectory run)
    {
        var training = run.Options.Training;
        if (training.StopAccuracy <= 0) return new Dictionary<string, string>();
        return run.Networks.Where(n => !File.Exists(n.LearnedModel)).ToDictionary(n => n.Path, _ => string.Create(CultureInfo.InvariantCulture,
            $"did not learn the task: the stop rule (accuracy {training.StopAccuracy:G3} on {training.StopAfterEvaluations} evaluations in a row) never held within {training.Steps} steps"));
    }

    /// <summary>The networks that enter under the spec, and those excluded with the reason.</summary>
    public static (IReadOnlyList<string> Included, IReadOnlyList<(string Network, string Reason)> Excluded) Apply(HypothesisSpec spec, IEnumerable<string> networks,
        IReadOnlyDictionary<string, string> notLearned)
    {
        var all = networks.ToList();
        if (spec.Inclusion == "all") return (all, []);
        return ([.. all.Where(n => !notLearned.ContainsKey(n))], [.. all.Where(notLearned.ContainsKey).Select(n => (n, notLearned[n]))]);
    }
}
