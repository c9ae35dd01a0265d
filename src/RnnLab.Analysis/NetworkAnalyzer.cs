using TorchSharp;
using RnnLab.Randomness;
using RnnLab.Analysis.Dca;
using RnnLab.Analysis.Dynamics;
using RnnLab.Analysis.FixedPoints;
using RnnLab.Analysis.Linearization;
using RnnLab.Analysis.Pca;
using RnnLab.Experiments;
using RnnLab.Models;
using RnnLab.Tasks;
using static TorchSharp.torch;

namespace RnnLab.Analysis;

/// <summary>
/// Analyses one network of a run: runs it noise-free over task trials, fits PCA to the states,
/// samples initial states from those trajectories (plus noise), searches for fixed and slow points at
/// each condition, and projects trajectories and points onto the principal components.
/// </summary>
public sealed class NetworkAnalyzer(AnalysisOptions options)
{
    /// <summary>
    /// Analyses a network; randomness (trials, state sampling) comes from a generator seeded by the
    /// network's seed. searched is told of each condition's search as it finishes.
    /// </summary>
    public NetworkAnalysis Analyze(ExperimentOptions experiment, NetworkDirectory network, Action<int, FixedPointSearch>? searched = null)
    {
        var task = experiment.CreateTask();
        using var model = NetworkLoader.Load(experiment, task, network, options.Snapshot);
        return Analyze(model, task, experiment.Model, network.Path, (ulong)network.Seed, searched);
    }

    /// <summary>Analyses a network of a run, recording the run's id, so that readers can tell its files from another run's.</summary>
    public NetworkAnalysis Analyze(RunDirectory run, NetworkDirectory network, Action<int, FixedPointSearch>? searched = null) =>
        Analyze(run.Options, network, searched) with { RunId = run.Id };

    /// <summary>Analyses a network already in memory (float64).</summary>
    public NetworkAnalysis Analyze(RateRnn model, ICognitiveTask task, ModelOptions modelOptions, string name, ulong seed,
        Action<int, FixedPointSearch>? searched = null)
    {
        using var scope = NewDisposeScope();
        using var generator = new Generator(SeedStream.TorchSeed(seed, SeedPurpose.Analysis));
        var conditions = options.Conditions ?? ConditionDefaults.For(task);
        foreach (var c in conditions)
            if (c.Length != task.InputSize)
                throw new ArgumentException($"a condition has {c.Length} values but the task has {task.InputSize} input(s).", nameof(options));

        Tensor rates, inputs;
        using (no_grad())
        {
            using var batch = task.Sample(options.Trials, generator);
            inputs = batch.Inputs.to(float64).detach();
            rates = model.Forward(inputs, noise: null).Rates.detach();                      // [T, B, N]
        }
        var pca = TrajectoryPca.Fit(rates, options.Components);
        // The DCA view draws from streams of its own, so the fixed-point search's starts are those without it. DCA
        // models a stochastic process: it is fitted to the same trials run with the model's recurrent noise (with few
        // conditions, noise-free trajectories have a singular covariance), and the view projects the noise-free ones.
        DcaView? dca = null;
        if (options.DcaView is { } dcaOptions)
        {
            using var dcaGenerator = new Generator(SeedStream.TorchSeed(seed, SeedPurpose.Analysis, DcaViewStream));
            Tensor noisy;
            using (no_grad()) noisy = model.Forward(inputs, SeedStream.For(seed, SeedPurpose.Analysis, DcaViewStream)).Rates.detach();
            dca = DcaView.Fit(noisy, dcaOptions, dcaGenerator);
        }

        var field = new RateRnnVectorField(model);
        var finder = new FixedPointFinder(options.FixedPoints);
        // The linearization checks draw from a stream of their own: on the analysis's stream, how many fixed
        // points one condition's search found would shift every later condition's initial states.
        using var linearizationGenerator = new Generator(SeedStream.TorchSeed(seed, SeedPurpose.Analysis, LinearizationStream));
        var pool = rates.reshape(-1, rates.size(2));
        var fixedPoints = options.FixedPoints;
        var given = fixedPoints.Starts == FixedPointStarts.File ? InitialStateFile.Read(fixedPoints.StartsFile, pool.size(1)) : null;
        var searches = new List<FixedPointSearch>();
        var points = new List<AnalyzedPoint>();
        var state = model.StateOf(0);
        // The readout z = W_out r + b_out of each point, summed in one fixed order: a BLAS product's rounding
        // changes with the threads a process was given, and the artifact must not.
        var readout = state["W_out"].to_type(ScalarType.Float64).contiguous().data<double>().ToArray();
        var readoutBias = state.TryGetValue("b_out", out var bOut) ? bOut.to_type(ScalarType.Float64).data<double>().ToArray() : null;
        for (var c = 0; c < conditions.Count; c++)
        {
            var starts = given ?? Starts(fixedPoints, pool, generator);
            var search = finder.Find(field, starts, tensor(conditions[c]), modelOptions.Dt);
            searches.Add(search);
            searched?.Invoke(c, search);
            var checkedPoints = 0;
            foreach (var p in search.Points)
            {
                var x = tensor(p.State).unsqueeze(0);
                var validity = p.Kind == PointKind.Fixed && checkedPoints++ < options.LinearizationChecks
                    ? LinearizationValidityAnalyzer.Analyze(field, x[0], tensor(conditions[c]), modelOptions.Dt, 50, Radii, options.LinearizationTolerance, linearizationGenerator)
                    : null;
                points.Add(new AnalyzedPoint(p, c, Readout(p.State, readout, readoutBias), pca.Project(x)[0].ToArray<double>(),
                    StepSizeStability.For(p.Eigenvalues, modelOptions.Dt), validity, dca?.Project(x)[0].ToArray<double>()));
            }
        }

        var shown = (int)Math.Min(options.TrajectoriesWritten, rates.size(1));
        var projected = pca.Project(rates.narrow(1, 0, shown)).permute(1, 0, 2).contiguous();          // [shown, T, k]
        var shownInputs = inputs.narrow(1, 0, shown).permute(1, 0, 2).contiguous();                    // [shown, T, in]
        var dcaProjected = dca?.Project(rates.narrow(1, 0, shown)).permute(1, 0, 2).contiguous();
        return new NetworkAnalysis(name, task.Kind, options.Snapshot, modelOptions.Tau, modelOptions.Dt, conditions, searches, points, pca,
            Nested(projected), Nested(shownInputs), dca, dcaProjected is null ? null : Nested(dcaProjected)) { Search = fixedPoints };
    }

    // One condition's initial states: sampled from the trajectories' states plus noise, or uniform in the box
    // (by default the range the trajectories' rates span).
    private static Tensor Starts(FixedPointOptions o, Tensor pool, Generator generator)
    {
        if (o.Starts == FixedPointStarts.Box)
        {
            var (low, high) = o.Box is [var l, var h] ? (l, h) : (pool.min().ToDouble(), pool.max().ToDouble());
            return rand([o.InitialStates, pool.size(1)], float64, generator: generator) * (high - low) + low;
        }
        var picks = randint(0, pool.size(0), [o.InitialStates], generator: generator);
        return pool.index_select(0, picks) + randn([o.InitialStates, pool.size(1)], float64, generator: generator) * o.InitialNoiseStd;
    }

    // The generator streams of the DCA view and the linearization checks (0 is the analysis's own).
    private const uint DcaViewStream = 1, LinearizationStream = 2;

    private static readonly double[] Radii = [1e-3, 3e-3, 1e-2, 3e-2, 0.1, 0.3, 1];

    private static double[][][] Nested(Tensor t)
    {
        var (a, b, c) = ((int)t.size(0), (int)t.size(1), (int)t.size(2));
        var flat = t.ToArray<double>();
        return Enumerable.Range(0, a).Select(i => Enumerable.Range(0, b).Select(j => flat.AsSpan((i * b + j) * c, c).ToArray()).ToArray()).ToArray();
    }

    // z_j = sum_i W_out[j, i] r_i (+ b_out[j]), in index order.
    private static double[] Readout(double[] r, double[] weights, double[]? bias)
    {
        var outputs = weights.Length / r.Length;
        var z = new double[outputs];
        for (var j = 0; j < outputs; j++)
        {
            var sum = bias?[j] ?? 0.0;
            for (var i = 0; i < r.Length; i++) sum += weights[j * r.Length + i] * r[i];
            z[j] = sum;
        }
        return z;
    }
}
