using System.Text.Json;

namespace RnnLab.Analysis.Artifacts;

/// <summary>
/// analysis/comparison.json: what training changed, per network and across seeds. "statistics" is the
/// table `compare` prints, aggregated across seeds; "networks" holds each network's measures by id
/// (<see cref="WeightComparison.ComparisonMeasures"/>), each result written as it is (<see cref="MeasureJson"/>):
/// null where a measure does not apply to the network, and "unavailable" says why.
/// "trained" names the trained snapshot compared with init: "final", or "learned" (comparison.learned.json).
/// "run_id" is the id of the run compared (<see cref="RunOrigin"/>).
/// </summary>
public sealed record ComparisonFile(
    string Run,
    StatisticRecord[] Statistics,
    NetworkMeasuresRecord[] Networks,
    Dictionary<string, string> Unavailable,
    string Trained = "final",
    int SchemaVersion = ComparisonFile.CurrentSchema,
    string? RunId = null)
{
    /// <summary>
    /// The version of this file's layout that this RnnLab writes and reads. 3: each network's results by
    /// measure id (2: one array per figure, networks in each; 1: DCA's near-best starts within 1%).
    /// </summary>
    public const int CurrentSchema = 3;
}

/// <summary>A statistic across seeds (null summaries where it is unavailable) and each network's values.</summary>
public sealed record StatisticRecord(string Name, SummaryRecord? Init, SummaryRecord? Final, SummaryRecord? Change, string? Unavailable, NetworkValueRecord[] PerNetwork);

/// <summary>Mean, standard error and count across seeds.</summary>
public sealed record SummaryRecord(double Mean, double StandardError, int N);

/// <summary>One network's value of a statistic.</summary>
public sealed record NetworkValueRecord(string Network, double? Init, double? Final, double? Change);

/// <summary>One network's measure results, by measure id, in registry order.</summary>
public sealed record NetworkMeasuresRecord(string Network, Dictionary<string, JsonElement> Measures);
