using RnnLab.Randomness;
using System.Diagnostics;
using RnnLab.Analysis.Dynamics;
using RnnLab.Analysis.FixedPoints;
using RnnLab.Experiments;
using RnnLab.Models;
using TorchSharp;
using static TorchSharp.torch;

namespace RnnLab.Bench;

/// <summary>The benchmark scenarios run with RnnLab's own model, kernel, optimizer and fixed-point finder.</summary>
public static class RnnLabScenarios
{
    /// <summary>Runs a scenario: warm-up, then repeats runs of stepsPerRun steps; the median rate is reported.</summary>
    public static BenchResult Run(BenchScenario s, TimeLoop loop, int repeats, int stepsPerRun)
    {
        if (s.FixedPointSearch) return FixedPoints(s, repeats).Minimization;
        var options = new ModelOptions { Units = s.Units, NoiseStd = 0.01, Activation = Activation.Relu, Train = ["W_rec"], InputStd = 0.5, BiasStd = 0.5, TimeLoop = loop };
        using var data = new Generator(1);
        return s.Networks == 1 ? Single(s, options, data, repeats, stepsPerRun) : Ensemble(s, options, data, repeats, stepsPerRun);
    }

    private static BenchResult Single(BenchScenario s, ModelOptions options, Generator data, int repeats, int stepsPerRun)
    {
        using var model = new RateRnn(options, s.Inputs, 1, data);
        using var adam = optim.Adam(model.TrainableParameters, lr: 1e-3);
        using var inputs = randn([s.Steps, s.Batch, s.Inputs], generator: data);
        using var targets = randn([s.Steps, s.Batch, 1], generator: data);
        var noise = SeedStream.For(1, SeedPurpose.Bench);
        void Step()
        {
            using var scope = NewDisposeScope();
            adam.zero_grad();
            var trajectory = model.Forward(inputs, noise);
            (trajectory.Outputs - targets).square().mean().backward();
            adam.step();
        }
        return Measure(s.Name, Step, repeats, stepsPerRun);
    }

    /// <summary>
    /// A multi-network scenario as `train --seeds K` runs it by default: K separate networks, one per core
    /// at a time, each on one thread (ThreadsAtOnce). A "step" is one step of every network.
    /// </summary>
    public static BenchResult Concurrent(BenchScenario s, int repeats, int stepsPerRun)
    {
        var options = new ModelOptions { Units = s.Units, NoiseStd = 0.01, Activation = Activation.Relu, Train = ["W_rec"], InputStd = 0.5, BiasStd = 0.5 };
        var networks = Enumerable.Range(0, s.Networks).Select(k =>
        {
            var g = new Generator((ulong)(100 + k));
            var noise = SeedStream.For((ulong)(100 + k), SeedPurpose.Bench);
            var model = new RateRnn(options, s.Inputs, 1, g);
            var adam = optim.Adam(model.TrainableParameters, lr: 1e-3);
            var inputs = randn([s.Steps, s.Batch, s.Inputs], generator: g);
            var targets = randn([s.Steps, s.Batch, 1], generator: g);
            return (g, noise, model, adam, inputs, targets);
        }).ToList();
        void Steps(int count) => ThreadsAtOnce.ForEach(networks, ThreadsAtOnce.DefaultJobs(networks.Count), n =>
        {
            for (var i = 0; i < count; i++)
            {
                using var scope = NewDisposeScope();
                n.adam.zero_grad();
                (n.model.Forward(n.inputs, n.noise).Outputs - n.targets).square().mean().backward();
                n.adam.step();
            }
        });
        try
        {
            Steps(2);
            var runs = new List<double>();
            for (var r = 0; r < repeats; r++)
            {
                var clock = Stopwatch.StartNew();
                Steps(stepsPerRun);
                runs.Add(stepsPerRun / clock.Elapsed.TotalSeconds);
            }
            return new BenchResult(s.Name, BenchStatistics.Median(runs), runs, BenchStatistics.PeakMiB());
        }
        finally
        {
            foreach (var n in networks)
            {
                n.adam.Dispose();
                n.model.Dispose();
                n.inputs.Dispose();
                n.targets.Dispose();
                n.g.Dispose();
            }
        }
    }

    private static BenchResult Ensemble(BenchScenario s, ModelOptions options, Generator data, int repeats, int stepsPerRun)
    {
        var seeds = Enumerable.Range(0, s.Networks).Select(k => (ulong)(100 + k)).ToList();
        using var model = RateRnn.ForSeeds(options, s.Inputs, 1, seeds);
        using var adam = optim.Adam(model.TrainableParameters, lr: 1e-3);
        var noise = seeds.Select(seed => SeedStream.For(seed, SeedPurpose.Bench)).ToList();
        using var inputs = randn([s.Steps, s.Networks, s.Batch, s.Inputs], generator: data);
        using var targets = randn([s.Steps, s.Networks, s.Batch, 1], generator: data);
        void Step()
        {
            using var scope = NewDisposeScope();
            adam.zero_grad();
            var trajectory = model.call(inputs, noise);
            (trajectory.Outputs - targets).square().mean([0, 2, 3]).sum().backward();
            adam.step();
        }
        return Measure(s.Name, Step, repeats, stepsPerRun);
    }

    /// <summary>
    /// The fixed-point search, timed two ways (medians of repeats / 2 searches, as the reference runs):
    /// its minimization alone, the work PyTorch's reference does, and the whole Find, which goes on to
    /// select the kept points and describe them (autograd Jacobians, eigen-decompositions).
    /// </summary>
    public static (BenchResult Minimization, IReadOnlyList<(string Label, BenchResult Result, bool FixedWork)> Searches) FixedPoints(BenchScenario s, int repeats)
    {
        using var g = new Generator(2);
        var options = new ModelOptions { Units = s.Units, NoiseStd = 0, Activation = Activation.Relu, InputStd = 0.5, BiasStd = 0.5 };
        using var model = new RateRnn(options, 1, 1, g);
        model.to(float64);
        var field = new RateRnnVectorField(model);
        using var starts = rand([s.Batch, s.Units], float64, generator: g);
        using var condition = zeros([1], float64);
        // Exactly Steps iterations (every per-state end off), the loop the baselines run; then the search as
        // analyze runs it by default: states leave as they converge or stall, and Newton finishes the points.
        var fixedSteps = new FixedPointOptions { MaxIterations = s.Steps, TolQ = 0, TolDq = 0, StallRatio = 1, CheckMinimum = false };
        var runs = Math.Max(1, repeats / 2);
        List<FixedPointSearch> Searches(FixedPointOptions o) => [.. Enumerable.Range(0, runs).Select(_ => new FixedPointFinder(o).Find(field, starts, condition, options.Dt))];
        BenchResult Of(IEnumerable<double> seconds) => new(s.Name, BenchStatistics.Median([.. seconds]), [.. seconds], BenchStatistics.PeakMiB());
        var plain = Searches(fixedSteps with { Refine = false });
        var refined = Searches(fixedSteps);
        var defaults = Searches(new FixedPointOptions { CheckMinimum = false });
        return (Of(plain.Select(f => f.Minimization.TotalSeconds)),
        [
            ("whole search, no refinement, kept points described", Of(plain.Select(f => f.Duration.TotalSeconds)), true),
            ("whole search, with Newton's refinement", Of(refined.Select(f => f.Duration.TotalSeconds)), true),
            ($"the default search: states leave as they end ({defaults[0].Iterations} steps at most), then Newton", Of(defaults.Select(f => f.Duration.TotalSeconds)), false),
        ]);
    }

    private static BenchResult Measure(string name, Action step, int repeats, int stepsPerRun)
    {
        for (var i = 0; i < 3; i++) step();
        var runs = new List<double>();
        for (var r = 0; r < repeats; r++)
        {
            var clock = Stopwatch.StartNew();
            for (var i = 0; i < stepsPerRun; i++) step();
            runs.Add(stepsPerRun / clock.Elapsed.TotalSeconds);
        }
        return new BenchResult(name, BenchStatistics.Median(runs), runs, BenchStatistics.PeakMiB());
    }
}
