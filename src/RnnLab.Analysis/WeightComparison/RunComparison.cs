using System.Text.Json.Nodes;
using RnnLab.Experiments;

namespace RnnLab.Analysis.WeightComparison;

/// <summary>A statistic aggregated over the networks of a run: mean and standard error of init, final and change, and each seed's values.</summary>
public sealed record AggregatedStatistic(string Name, Summary? Init, Summary? Final, Summary? Change, IReadOnlyList<ComparedStatistic> PerNetwork, string? Unavailable);

/// <summary>Mean, standard error (n - 1 in the variance; 0 for one network) and count.</summary>
public sealed record Summary(double Mean, double StandardError, int Count)
{
    /// <summary>The summary of some values; null when there are none.</summary>
    public static Summary? Of(IReadOnlyList<double> values)
    {
        if (values.Count == 0) return null;
        var mean = values.Average();
        var se = values.Count < 2 ? 0 : Math.Sqrt(values.Sum(v => (v - mean) * (v - mean)) / (values.Count - 1) / values.Count);
        return new Summary(mean, se, values.Count);
    }
}

/// <summary>Init-versus-final comparison of every network of a run, aggregated across seeds, written to analysis/comparison.json.</summary>
public sealed record RunComparison(string Run, IReadOnlyList<NetworkComparison> Networks, IReadOnlyList<AggregatedStatistic> Statistics)
{
    /// <summary>
    /// Compares every network, one after another, and aggregates. Not several at once on threads of one
    /// process: TorchSharp ops on concurrent threads can meet a freed Scalar (see TorchThreads).
    /// </summary>
    public static RunComparison Of(RunDirectory run, ComparisonOptions? options = null)
    {
        var networks = run.Networks.Select(n => NetworkComparison.Of(run, n, options)).ToList();
        var statistics = networks[0].Statistics.Select((s, i) =>
        {
            var per = networks.Select(n => n.Statistics[i]).ToList();
            var unavailable = per.Select(p => p.Unavailable).FirstOrDefault(u => u is not null);
            List<double> Values(Func<ComparedStatistic, double?> pick) => per.Select(pick).Where(v => v.HasValue).Select(v => v!.Value).ToList();
            return new AggregatedStatistic(s.Name, Summary.Of(Values(p => p.Init)), Summary.Of(Values(p => p.Final)), Summary.Of(Values(p => p.Change)), per, unavailable);
        }).ToList();
        return new RunComparison(run.Path, networks, statistics);
    }

    /// <summary>Writes analysis/comparison.json under the run folder; returns its path.</summary>
    public string Write()
    {
        static JsonNode? S(Summary? s) => s is null ? null : new JsonObject { ["mean"] = s.Mean, ["standard_error"] = s.StandardError, ["n"] = s.Count };
        var root = new JsonObject
        {
            ["run"] = Run,
            ["statistics"] = new JsonArray(Statistics.Select(s => (JsonNode)new JsonObject
            {
                ["name"] = s.Name,
                ["init"] = S(s.Init),
                ["final"] = S(s.Final),
                ["change"] = S(s.Change),
                ["unavailable"] = s.Unavailable,
                ["per_network"] = new JsonArray(s.PerNetwork.Select((p, k) => (JsonNode)new JsonObject
                {
                    ["network"] = Networks[k].Network, ["init"] = p.Init, ["final"] = p.Final, ["change"] = p.Change,
                }).ToArray()),
            }).ToArray()),
            ["mean_weight_by_checkpoint"] = new JsonArray(Networks.Select(n => (JsonNode)new JsonObject
            {
                ["network"] = n.Network,
                ["steps"] = new JsonArray(n.MeanWeightByCheckpoint.Select(p => (JsonNode)JsonValue.Create(p.Step)).ToArray()),
                ["mean_weight"] = new JsonArray(n.MeanWeightByCheckpoint.Select(p => (JsonNode)JsonValue.Create(p.MeanWeight)).ToArray()),
            }).ToArray()),
            ["eigenvalues"] = new JsonArray(Networks.Select(n => (JsonNode)new JsonObject
            {
                ["network"] = n.Network,
                ["init"] = new JsonArray(n.Change.Eigenvalues.Before.Select(c => (JsonNode)new JsonArray(c.Real, c.Imaginary)).ToArray()),
                ["final"] = new JsonArray(n.Change.Eigenvalues.After.Select(c => (JsonNode)new JsonArray(c.Real, c.Imaginary)).ToArray()),
            }).ToArray()),
            ["centrality"] = new JsonArray(Networks.Select(n => (JsonNode)new JsonObject
            {
                ["network"] = n.Network,
                ["init"] = AnalysisWriter.Numbers(n.Change.CentralityBefore),
                ["final"] = AnalysisWriter.Numbers(n.Change.CentralityAfter),
            }).ToArray()),
            ["histograms"] = new JsonArray(Networks.Select(n => (JsonNode)new JsonObject
            {
                ["network"] = n.Network,
                ["edges"] = AnalysisWriter.Numbers(n.Change.Before.BinEdges),
                ["init"] = AnalysisWriter.Numbers(n.Change.Before.Counts.Select(c => (double)c)),
                ["final"] = AnalysisWriter.Numbers(n.Change.After.Counts.Select(c => (double)c)),
            }).ToArray()),
            ["subspaces"] = new JsonArray(Networks.Select(n =>
            {
                var o = new JsonObject { ["network"] = n.Network };
                foreach (var s in n.Subspaces)
                    o[s.Method.ToString().ToLowerInvariant()] = new JsonObject
                    {
                        ["turn"] = AnalysisWriter.Numbers(s.Turn),
                        ["conditions_init"] = s.ConditionsInit is null ? null : AnalysisWriter.Numbers(s.ConditionsInit),
                        ["conditions_final"] = s.ConditionsFinal is null ? null : AnalysisWriter.Numbers(s.ConditionsFinal),
                        ["readout_init"] = s.ReadoutInit,
                        ["readout_final"] = s.ReadoutFinal,
                        ["information_init"] = s.InformationInit,
                        ["information_final"] = s.InformationFinal,
                    };
                return (JsonNode)o;
            }).ToArray()),
            ["information_sweep"] = Networks[0].InformationSweep is { } sweep
                ? new JsonObject
                {
                    ["angles"] = AnalysisWriter.Numbers(sweep.Angles),
                    ["per_network"] = new JsonArray(Networks.Select(n => (JsonNode)new JsonObject
                    {
                        ["network"] = n.Network, ["init"] = AnalysisWriter.Numbers(n.InformationSweep!.Init), ["final"] = AnalysisWriter.Numbers(n.InformationSweep.Final),
                    }).ToArray()),
                }
                : null,
            ["performance"] = Networks[0].Performance is { } performance
                ? new JsonObject
                {
                    ["label"] = performance.Label,
                    ["x"] = AnalysisWriter.Numbers(performance.X),
                    ["per_network"] = new JsonArray(Networks.Select(n => (JsonNode)new JsonObject
                    {
                        ["network"] = n.Network, ["init"] = AnalysisWriter.Numbers(n.Performance!.Init), ["final"] = AnalysisWriter.Numbers(n.Performance.Final),
                    }).ToArray()),
                }
                : null,
            ["unavailable"] = new JsonObject(Networks[0].Unavailable.Select(p => KeyValuePair.Create(p.Key, (JsonNode?)JsonValue.Create(p.Value)))),
        };
        var folder = AnalysisWriter.Folder(Run);
        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, "comparison.json");
        AnalysisWriter.WriteAtomically(path, root.ToJsonString());
        return path;
    }
}
