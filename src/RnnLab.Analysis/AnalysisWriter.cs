using System.Numerics;
using RnnLab.Analysis.FixedPoints;
using RnnLab.Analysis.Artifacts;
using RnnLab.Artifacts;

namespace RnnLab.Analysis;

/// <summary>
/// Writes an analysis as JSON into the network's analysis/ folder: fixed_points.json and pca.json for
/// the final weights, fixed_points.init.json and pca.init.json for the untrained ones (.learned.json for
/// the weights where the task was learned). Eigenvalues are
/// [re, im] pairs; "eigenvalues" are continuous-time (stable: re &lt; 0), "map_eigenvalues" are the
/// Euler map's mu = 1 + dt lambda (stable: |mu| &lt; 1).
/// </summary>
public static class AnalysisWriter
{
    /// <summary>The analysis folder of a network directory.</summary>
    public static string Folder(string network) => Path.Combine(network, "analysis");

    /// <summary>The file name for a snapshot: "fixed_points.json", "fixed_points.init.json", "report.learned.html".</summary>
    public static string FileName(string stem, Snapshot snapshot, string extension = "json") =>
        snapshot == Snapshot.Final ? $"{stem}.{extension}" : $"{stem}.{Name(snapshot)}.{extension}";

    /// <summary>Writes both files; returns their paths.</summary>
    public static (string fixedPoints, string pca) Write(NetworkAnalysis analysis)
    {
        var folder = Folder(analysis.Network);
        Directory.CreateDirectory(folder);
        var fixedPoints = Path.Combine(folder, FileName("fixed_points", analysis.Snapshot));
        var pca = Path.Combine(folder, FileName("pca", analysis.Snapshot));
        ArtifactFile.Write(fixedPoints, FixedPoints(analysis), AnalysisJson.Default.FixedPointsFile);
        ArtifactFile.Write(pca, Pca(analysis), AnalysisJson.Default.PcaFile);
        return (fixedPoints, pca);
    }

    /// <summary>Reads fixed_points.json (or .init.json); a newer or damaged file throws naming it.</summary>
    public static FixedPointsFile ReadFixedPoints(string path) =>
        ArtifactFile.Read(path, AnalysisJson.Default.FixedPointsFile, f => f.SchemaVersion, FixedPointsFile.CurrentSchema, oldest: FixedPointsFile.CurrentSchema);

    /// <summary>Reads pca.json (or .init.json); a newer or damaged file throws naming it.</summary>
    public static PcaFile ReadPca(string path) => ArtifactFile.Read(path, AnalysisJson.Default.PcaFile, f => f.SchemaVersion, PcaFile.CurrentSchema);

    /// <summary>Reads a network's fixed_points file of a snapshot of the run; one computed from another run in the folder throws (<see cref="RunOrigin"/>).</summary>
    public static FixedPointsFile ReadFixedPoints(string path, RnnLab.Experiments.RunDirectory run, Snapshot snapshot) =>
        RunOrigin.Checked(ReadFixedPoints(path), f => f.RunId, path, run, AnalysisStep.Analyze, snapshot);

    /// <summary>Reads a network's pca file of a snapshot of the run; one computed from another run in the folder throws (<see cref="RunOrigin"/>).</summary>
    public static PcaFile ReadPca(string path, RnnLab.Experiments.RunDirectory run, Snapshot snapshot) =>
        RunOrigin.Checked(ReadPca(path), f => f.RunId, path, run, AnalysisStep.Analyze, snapshot);

    private static double[][] Pairs(IEnumerable<Complex> values) => values.Select(c => new[] { c.Real, c.Imaginary }).ToArray();

    private static string Name(Enum e) => e.ToString().ToLowerInvariant();

    /// <summary>The fixed_points.json record of an analysis.</summary>
    public static FixedPointsFile FixedPoints(NetworkAnalysis a) => new(
        a.Network, a.Task, Name(a.Snapshot), a.Tau, a.Dt,
        "eigenvalues: continuous-time lambda of dF/dr, stable when re < 0; map_eigenvalues: Euler map mu = 1 + dt lambda, stable when |mu| < 1",
        [.. a.Conditions],
        [.. a.Searches.Select(s => new SearchRecord(s.Condition, s.Candidates, s.Iterations, s.FinalLearningRate, s.Duration.TotalSeconds, s.Minimization.TotalSeconds,
            s.Refinement.TotalSeconds, new DescentEndsRecord(s.Ends.Converged, s.Ends.Stalled, s.Ends.Capped, s.Ends.Diverged), s.Refined, s.NotRefined))],
        [.. a.Points.Select(p => new PointRecord(
            p.Point.State, p.Point.Condition, p.ConditionIndex, Name(p.Point.Kind), p.Point.Q, p.Point.Speed, p.Point.Iterations,
            Pairs(p.Point.Eigenvalues), Pairs(p.Point.MapEigenvalues), Name(p.Point.Stability), p.Point.UnstableDimensions,
            p.Point.HessianMinEigenvalue, p.Point.HessianMaxEigenvalue, p.Point.IsLocalMinimumOfQ, p.Point.Refined, p.Point.NewtonSteps, p.Output, p.Projection,
            new EulerStepRecord(p.StepSize.Dt, p.StepSize.LargestMapModulus, double.IsFinite(p.StepSize.LargestStableDt) ? p.StepSize.LargestStableDt : null,
                p.StepSize.ModesMadeUnstableByTheStep),
            p.Linearization is { } v ? new LinearizationRecord(v.Radii, v.RelativeErrors, v.Tolerance, v.ValidRadius) : null))],
        RunId: a.RunId,
        Search: a.Search);

    /// <summary>The pca.json record of an analysis.</summary>
    public static PcaFile Pca(NetworkAnalysis a) => new(
        a.Network, a.Task, Name(a.Snapshot), a.Pca.Mean, a.Pca.Components, a.Pca.ExplainedVarianceRatio, a.Pca.TotalVariance,
        a.ProjectedTrajectories, a.TrialInputs,
        [.. a.Points.Select(p => new PcaPointRecord(p.Projection, Name(p.Point.Stability), Name(p.Point.Kind), p.ConditionIndex))],
        a.Dca is { } dca && a.DcaTrajectories is { } trajectories
            ? new DcaViewRecord(dca.Information, dca.Columns, trajectories, [.. a.Points.Select(p => p.DcaProjection!)])
            : null,
        RunId: a.RunId);
}
