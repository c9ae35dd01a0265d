using RnnLab.Analysis;
using RnnLab.Analysis.Artifacts;
using RnnLab.Experiments;
using RnnLab.Sweeps;

namespace RnnLab.Cli.Hosting;

/// <summary>
/// The one line a library error becomes on the command line. The libraries say what is wrong and name the
/// file; only here does a message name the command or the option that puts it right.
/// </summary>
public static class ErrorWording
{
    /// <summary>The line for an error (without the "rnnlab VERB: " prefix).</summary>
    public static string Of(Exception error) => error switch
    {
        RunExistsException e => $"{e.Message}; choose another with --out DIR, continue it with './rnnlab resume {e.Path}', or pass --force to replace it.",
        SweepConflictException e => $"{e.Message}; choose another --out DIR, or move {e.Path} away.",
        RnnLab.Analysis.CrossNetwork.SimilarityExistsException e => $"{e.Message}; choose another --out DIR, or move {e.Path} away.",
        AnalysisMissingException e => $"{e.Message}; run './rnnlab analyze {e.RunPath}{SnapshotArgument(e.Snapshot)}' first.",
        AnotherRunException e => $"{e.Message}; run './rnnlab {Verb(e.Step)} {e.RunPath}{SnapshotArgument(e.Snapshot)}' again.",
        SnapshotMissingException e => e.Why switch
        {
            SnapshotAbsence.NotFinished => $"{e.Message} (./rnnlab resume {e.NetworkPath}), or use the init snapshot.",
            SnapshotAbsence.NotYetLearned => $"{e.Message} (./rnnlab resume {e.NetworkPath}).",
            SnapshotAbsence.NeverLearned => $"{e.Message}; use the final weights.",
            _ => $"{e.Message}.",
        },
        _ => error.Message,
    };

    /// <summary>" --snapshot S" for a snapshot other than the default (final).</summary>
    public static string SnapshotArgument(Snapshot snapshot) => snapshot == Snapshot.Final ? "" : $" --snapshot {snapshot.ToString().ToLowerInvariant()}";

    private static string Verb(AnalysisStep step) => step == AnalysisStep.Analyze ? "analyze" : "compare";
}
