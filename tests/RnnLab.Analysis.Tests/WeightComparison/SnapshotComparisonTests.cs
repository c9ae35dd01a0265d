using System.Text.Json;
using RnnLab.Analysis.Hypotheses;
using TorchSharp;
using RnnLab.Analysis.Dca;
using RnnLab.Analysis.WeightComparison;
using RnnLab.Experiments;
using RnnLab.Models;
using RnnLab.Tasks;
using RnnLab.Safetensors;
using RnnLab.Training;

namespace RnnLab.Analysis.Tests.WeightComparison;

/// <summary>NetworkComparison's simulated parts (subspaces, PI sweep, performance) against invariants and a closed form.</summary>
public sealed class SnapshotComparisonTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("rnnlab-compare-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static readonly ComparisonOptions Quick = new() { Trials = 16, AgreementStarts = 4, Dca = new DcaOptions { Dimensions = 2, Window = 3, Iterations = 150, Restarts = 2 } };

    // A one-network run whose init and final weights are the model's, each edited as given.
    private RunDirectory Run(ModelOptions model, Action<Dictionary<string, Tensor>> init, Action<Dictionary<string, Tensor>> final)
    {
        var options = new ExperimentOptions
        {
            Name = "compared", Seed = 3, TaskKind = "perception", Model = model,
            Task = new PerceptionTaskOptions { Steps = 40, GraceSteps = 4 }, Training = new TrainingOptions(),
        };
        var run = RunDirectory.Create(Path.Combine(_dir, Guid.NewGuid().ToString("N")), options, seeds: null, replace: false);
        using var scope = NewDisposeScope();
        using var g = new Generator(3);
        using var network = new RateRnn(model, 1, 1, g);
        foreach (var (path, edit) in new[] { (run.Networks[0].InitialModel, init), (run.Networks[0].FinalModel, final) })
        {
            var state = new Dictionary<string, Tensor>(network.StateOf(0).ToDictionary(p => p.Key, p => p.Value.clone()));
            edit(state);
            SafetensorsFile.Save(path, state);
        }
        return run;
    }

    [Fact]
    public void NetworksComparedWithThemselves_SupportNoHypothesisOfChange()
    {
        // Three networks whose training changed nothing: no PI change and no readout turn (H1, H3: the interval
        // is 0 itself, inconclusive), weights unchanged but no subspace turn either (H2: not supported).
        var networks = Enumerable.Range(0, 3).Select(k =>
        {
            var run = Run(new ModelOptions { Units = 10 + k }, _ => { }, _ => { });
            return NetworkComparison.Of(run, run.Networks[0], Quick);
        }).ToList();

        var verdicts = RnnLab.Analysis.Hypotheses.HypothesisTest.Run(RnnLab.Analysis.Hypotheses.HypothesisSpec.BuiltIn(), networks, []).Hypotheses.ToDictionary(h => h.Id);
        HypothesisPart Part(string id, string measure) => verdicts[id].Parts.Single(p => p.Measure == measure);

        Assert.Equal(["H1", "H2", "H3", "H4"], verdicts.Keys);
        Assert.Equal(RnnLab.Analysis.Hypotheses.VerdictRules.Inconclusive, verdicts["H1"].Verdict);
        Assert.Equal(0, Part("H1", "pi_interaction").Difference!.Value.Mean);
        Assert.Equal(1, Part("H1", "pi_interaction").PValue);
        // The subspace does not turn beyond its test-retest null (it lies below it), nor do the ranks change beyond random
        // changes' (here of size 0): three networks and Holm over seven tests cannot say "not supported", and must not say "supported".
        Assert.NotEqual(RnnLab.Analysis.Hypotheses.VerdictRules.Supported, verdicts["H2"].Verdict);
        Assert.True(Part("H2", "dca_turn").Difference!.Value.Mean < 0);
        Assert.Equal(1, Part("H2", "centrality_rank_change").PValue);
        // Identical fits: the angle is 0 up to arccos's resolution near 1, sqrt(2 x 1e-16) rad, about 1e-6 degrees.
        Assert.All(Part("H2", "dca_turn").PerNetwork, v => Assert.InRange(v.Value, 0, 1e-5));
        Assert.All(Part("H2", "dca_turn").Null!.PerNetwork, v => Assert.True(v.Value > 0));
        Assert.Equal(0, Part("H3", "dca_readout_share_change").Mean);
        Assert.Equal(RnnLab.Analysis.Hypotheses.VerdictRules.Inconclusive, Part("H3", "dca_readout_share_change").Verdict);
        // H4 reads each network's fraction of converged starts within 0.05 nats of the best, from task-subspace fits of AgreementStarts starts.
        Assert.All(networks, n => Assert.Equal(Quick.AgreementStarts, n.Result<DcaAgreement>(DcaAgreementMeasure.Key).Final!.Starts));
        Assert.Equal(networks.Select(n => n.Result<DcaAgreement>(DcaAgreementMeasure.Key).Final!.FractionReached!.Value),
            Part("H4", "dca_starts_reaching_best").PerNetwork.Select(v => v.Value));
    }

    [Fact]
    public void Compare_OfANetworkWithItself_FindsNoTurn_AndTheSameValuesBeforeAndAfter()
    {
        var run = Run(new ModelOptions { Units = 10 }, _ => { }, _ => { });
        var c = NetworkComparison.Of(run, run.Networks[0], Quick);
        // One result per registered measure, in the registry's order, and table rows that a run can aggregate by name.
        Assert.Equal(ComparisonMeasures.All.Select(m => m.Id), c.Measures.Select(m => m.Id));
        Assert.Equal(c.Statistics.Count, c.Statistics.Select(s => s.Name).Distinct().Count());
        // Each result is written into comparison.json as it is, and read back as its type without losing a field.
        var record = c.ToRecord();
        Assert.All(ComparisonMeasures.All, m => Assert.Equal(record.Measures[m.Id].GetRawText(), Analysis.Artifacts.MeasureJson.Write(m.Read(record)).GetRawText()));
        Assert.Equal(JsonValueKind.Array, record.Measures[WeightChangeMeasure.Key].GetProperty("eigenvalues").GetProperty("before")[0].ValueKind);
        // Equal to rounding, not bitwise: other tests in this process may change OpenBLAS's thread count
        // (the fixed-point kernel holds it at one while it runs), and with it how a product is split.
        static void Same(double? a, double? b, string what)
        {
            Assert.True(a.HasValue == b.HasValue, what);
            if (a is { } x && b is { } y) Assert.True(Math.Abs(x - y) <= 1e-9 * Math.Max(1, Math.Abs(x)), $"{what}: {x} vs {y}");
        }
        static void SameAll(double[]? a, double[]? b, string what)
        {
            Assert.Equal(a is null, b is null);
            if (a is null || b is null) return;
            Assert.Equal(a.Length, b.Length);
            for (var i = 0; i < a.Length; i++) Same(a[i], b[i], $"{what}[{i}]");
        }
        foreach (var s in new[] { SubspaceMethod.Pca, SubspaceMethod.Dca }.Select(m => c.Result<SubspaceAngles>(SubspaceMeasure.IdOf(m))))
        {
            Assert.All(s.Turn, angle => Assert.True(angle < 1e-3, $"{s.Method} turned by {angle} deg"));
            SameAll(s.ConditionsInit, s.ConditionsFinal, $"{s.Method} condition angles");
            Same(s.ReadoutInit, s.ReadoutFinal, $"{s.Method} readout angle");
            SameAll(s.ReadoutWithinInit, s.ReadoutWithinFinal, $"{s.Method} readout angle within a condition");
            Same(s.InformationInit, s.InformationFinal, $"{s.Method} information");
        }
        var sweep = c.Result<PredictiveInformationSweep>(InformationSweepMeasure.Key);
        SameAll(sweep.Init, sweep.Final, "information sweep");
        var performance = c.Result<TaskPerformance>(TaskPerformanceMeasure.Key);
        SameAll(performance.Init, performance.Final, "performance");
        var change = c.Result<WeightChange>(WeightChangeMeasure.Key);
        Assert.All(change.Changed, f => Assert.Equal(0, f.Fraction));
        Assert.Equal(0, change.Sizes.Max);
        Assert.Equal(0, change.EigenvaluesMoved);
        // At theta = 0 the leaky relu is the relu the task subspace was found with.
        Assert.Equal(c.Result<SubspaceAngles>(SubspaceMeasure.IdOf(SubspaceMethod.Dca)).InformationInit!.Value, sweep.Init[0], 9);
    }

    [Fact]
    public void InformationSweep_OfANetworkThatStaysAboveZero_DoesNotDependOnTheAngle()
    {
        // A large positive bias keeps every pre-activation positive, where leaky relus of every angle agree.
        var run = Run(new ModelOptions { Units = 10, Gain = 0.3, InputStd = 0.2 }, s => s["b"] = full([10], 4.0), s => s["b"] = full([10], 5.0));
        var sweep = NetworkComparison.Of(run, run.Networks[0], Quick).Result<PredictiveInformationSweep>(InformationSweepMeasure.Key);
        Assert.All(sweep.Init, pi => Assert.Equal(sweep.Init[0], pi, 8));
        Assert.All(sweep.Final, pi => Assert.Equal(sweep.Final[0], pi, 8));
        Assert.True(sweep.Init[0] > 0);
    }

    [Fact]
    public void Performance_OfAnUncoupledNoiseFreeNetwork_MatchesItsClosedForm()
    {
        // W_rec = 0, no noise: from r = 0, r_t = (1 - (1 - alpha)^(t+1)) relu(W_in u + b), read out by W_out.
        var model = new ModelOptions { Units = 6, NoiseStd = 0 };
        var run = Run(model, s => s["W_rec"] = zeros([6, 6]), s => s["W_rec"] = zeros([6, 6]));
        var c = NetworkComparison.Of(run, run.Networks[0], Quick);
        using var scope = NewDisposeScope();
        using var content = SafetensorsFile.Load(run.Networks[0].FinalModel);
        var (wIn, b, wOut) = (content.Tensors["W_in"].to(float64), content.Tensors["b"].to(float64), content.Tensors["W_out"].to(float64));
        var settle = Enumerable.Range(20, 20).Average(t => 1 - Math.Pow(1 - model.Alpha, t + 1));
        var performance = c.Result<TaskPerformance>(TaskPerformanceMeasure.Key);
        for (var i = 0; i < performance.X.Length; i++)
        {
            var u = performance.X[i];
            var expected = wOut.matmul((wIn.squeeze(1) * u + b).relu()).ToDouble() * settle;
            Assert.Equal(expected, performance.Final[i], 5);
        }
        Assert.Equal([0.5, 0.55, 0.6, 0.65, 0.7, 0.75, 0.8], performance.X.Select(x => Math.Round(x, 12)));
    }

    [Fact]
    public void Score_OfAnUncoupledNoiseFreeNetwork_IsTheMaskedErrorOfItsClosedFormOutputs()
    {
        // W_rec = 0, no noise: r_t = (1 - alpha) r_{t-1} + alpha relu(W_in u_t + b) from r = 0, z_t = W_out r_t,
        // computed here with plain loops over the simulator's own task trials.
        var model = new ModelOptions { Units = 6, NoiseStd = 0 };
        var run = Run(model, s => s["W_rec"] = zeros([6, 6]), s => s["W_rec"] = zeros([6, 6]));
        using var scope = NewDisposeScope();
        using var simulator = new SnapshotSimulator(run.Options, run.Networks[0], 16);
        using var network = simulator.Load(Analysis.Snapshot.Final);
        var (loss, accuracy) = simulator.Score(network);

        var state = network.StateOf(0);
        var wIn = state["W_in"].to(float64).data<double>().ToArray();
        var b = state["b"].to(float64).data<double>().ToArray();
        var wOut = state["W_out"].to(float64).data<double>().ToArray();
        var trials = simulator.TaskTrials;
        var (steps, batch) = ((int)trials.Inputs.size(0), (int)trials.Inputs.size(1));
        var u = trials.Inputs.to(float64).data<double>().ToArray();
        var y = trials.Targets.to(float64).data<double>().ToArray();
        var mask = trials.Mask.to(float64).data<double>().ToArray();
        var z = new double[steps * batch];
        double error = 0, counted = 0;
        for (var k = 0; k < batch; k++)
        {
            var r = new double[6];
            for (var t = 0; t < steps; t++)
            {
                var i = t * batch + k;
                for (var j = 0; j < 6; j++) r[j] = (1 - model.Alpha) * r[j] + model.Alpha * Math.Max(0, wIn[j] * u[i] + b[j]);
                z[i] = Enumerable.Range(0, 6).Sum(j => wOut[j] * r[j]);
                error += mask[i] * (z[i] - y[i]) * (z[i] - y[i]);
                counted += mask[i];
            }
        }
        Assert.True(counted > 0);
        Assert.Equal(error / counted, loss, 5);
        using var outputs = tensor(z.Select(v => (float)v).ToArray(), [steps, batch, 1]);
        Assert.Equal(simulator.Task.Accuracy(trials, outputs), accuracy);
    }

    [Fact]
    public void CompareWithTheLearnedSnapshot_ReadsLearnedWeights_AndWritesItsOwnFiles()
    {
        // Training went on past the point where the task was learned: learned/ holds init's W_rec, final/ a changed one.
        var run = Run(new ModelOptions { Units = 10 }, _ => { }, s => s["W_rec"] = s["W_rec"] * 1.5);
        var network = run.Networks[0];
        Directory.CreateDirectory(Path.GetDirectoryName(network.LearnedModel)!);
        File.Copy(network.InitialModel, network.LearnedModel);

        var learned = RunComparison.Of(run, Quick with { Trained = Analysis.Snapshot.Learned });
        var final = RunComparison.Of(run, Quick);

        Assert.Equal(0, learned.Networks[0].Result<WeightChange>(WeightChangeMeasure.Key).RelativeChange);
        Assert.Equal(0.5, final.Networks[0].Result<WeightChange>(WeightChangeMeasure.Key).RelativeChange, 6);
        var score = learned.Networks[0].Result<TaskScore>(TaskScoreMeasure.Key);
        Assert.Equal(score.AccuracyInit, score.AccuracyFinal);
        var path = learned.Write();
        Assert.Equal("comparison.learned.json", Path.GetFileName(path));
        Assert.Equal("learned", RunComparison.Read(path).Trained);
        Assert.Equal("hypotheses.learned.json", Path.GetFileName(learned.WriteHypotheses(learned.Hypotheses(RnnLab.Analysis.Hypotheses.HypothesisSpec.BuiltIn()))));
        Assert.Equal("final", RunComparison.Read(final.Write()).Trained);
        Assert.Equal("comparison.json", Path.GetFileName(final.Write()));
    }

    [Fact]
    public void CompareWithTheLearnedSnapshot_OfANetworkThatNeverLearned_SaysSoNamingTheFile()
    {
        var run = Run(new ModelOptions { Units = 10 }, _ => { }, _ => { });
        var e = Assert.Throws<SnapshotMissingException>(() => NetworkComparison.Of(run, run.Networks[0], Quick with { Trained = Analysis.Snapshot.Learned }));
        Assert.Contains(Path.Combine("learned", "model.safetensors"), e.Message);
        Assert.Contains("stop rule", e.Message);
        Assert.Equal(SnapshotAbsence.NeverLearned, e.Why);
    }
}
