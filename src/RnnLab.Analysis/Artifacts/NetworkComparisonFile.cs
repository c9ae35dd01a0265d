namespace RnnLab.Analysis.Artifacts;

/// <summary>
/// NETWORK/analysis/network_comparison.json (network_comparison.learned.json for the learned snapshot): one
/// network's comparison, computed on its own (a study's step per network), which a run's comparison then
/// aggregates as if it had computed it: the measures' results as comparison.json writes them, and each
/// measure's table rows and reasons, so that nothing is recomputed and every number reads back as written.
/// </summary>
public sealed record NetworkComparisonFile(
    string Network,
    string? RunId,
    string Trained,
    NetworkMeasuresRecord Measures,
    Dictionary<string, ComparedStatisticRecord[]> Statistics,
    Dictionary<string, Dictionary<string, string>> Unavailable,
    int SchemaVersion = NetworkComparisonFile.CurrentSchema)
{
    /// <summary>The version of this file's layout that this RnnLab writes and reads.</summary>
    public const int CurrentSchema = 1;
}

/// <summary>One row of a network's statistics table: its value before and after training, or why there is none.</summary>
public sealed record ComparedStatisticRecord(string Name, double? Init, double? Final, string? Unavailable);
