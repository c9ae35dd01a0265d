using TorchSharp;
using RnnLab.Tasks;

namespace RnnLab.Tests.Tasks;

public class TaskTests
{
    private static TrialBatch Sample(ICognitiveTask task, int batch = 16, ulong seed = 5)
    {
        using var g = new Generator(seed);
        return task.Sample(batch, g);
    }

    public static TheoryData<string> Kinds => new(TaskCatalog.Kinds);

    private static ICognitiveTask Default(string kind) =>
        TaskCatalog.Create(kind, (TaskOptions)Activator.CreateInstance(TaskCatalog.OptionsTypeOf(kind)!)!, 10);

    [Theory]
    [MemberData(nameof(Kinds))]
    public void EveryTask_HasDeclaredShapes_BinaryMask_AndIsReproducible(string kind)
    {
        var task = Default(kind);
        using var a = Sample(task);
        using var b = Sample(task);
        using var c = Sample(task, seed: 6);
        Assert.Equal(new long[] { task.Steps, 16, task.InputSize }, a.Inputs.shape);
        Assert.Equal(new long[] { task.Steps, 16, task.OutputSize }, a.Targets.shape);
        Assert.Equal(a.Targets.shape, a.Mask.shape);
        Assert.Equal(16, a.Trials.Count);
        Assert.All(a.Mask.ToArray<float>(), m => Assert.True(m is 0f or 1f));
        Assert.True(a.Mask.ToArray<float>().Sum() > 0);
        Assert.True(a.Inputs.SameValues(b.Inputs) && a.Targets.SameValues(b.Targets) && a.Mask.SameValues(b.Mask));
        Assert.False(a.Inputs.SameValues(c.Inputs));
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Accuracy_IsOneForTheTargets_AndLowForAWrongAnswer(string kind)
    {
        var task = Default(kind);
        using var batch = Sample(task, 64);
        Assert.Equal(1.0, task.Accuracy(batch, batch.Targets), 6);
        using var wrong = batch.Targets * -3 + 7;
        Assert.True(task.Accuracy(batch, wrong) < 0.6, $"{kind}: accuracy of a wrong answer {task.Accuracy(batch, wrong)}");
    }

    [Fact]
    public void Perception_TargetIsTheOppositeLevel_AndGraceFollowsTheSwitch()
    {
        var task = new PerceptionTask(new PerceptionTaskOptions { Steps = 60, StimulusNoise = 0, GraceSteps = 5, SwitchProbability = 1 });
        using var batch = Sample(task, 8);
        var u = batch.Inputs.ToArray<float>();
        var y = batch.Targets.ToArray<float>();
        var m = batch.Mask.ToArray<float>();
        for (var b = 0; b < 8; b++)
        {
            var trial = (PerceptionTrial)batch.Trials[b];
            var s = trial.SwitchStep!.Value;
            Assert.InRange(s, 20, 39);
            for (var t = 0; t < 60; t++)
            {
                var i = t * 8 + b;
                var level = t < s ? trial.FirstLevel : 1.3 - trial.FirstLevel;
                Assert.Equal(level, u[i], 5);
                Assert.Equal(1.3 - level, y[i], 5);
                var inGrace = t < 5 || (t >= s && t < s + 5);
                Assert.Equal(inGrace ? 0f : 1f, m[i]);
            }
        }
    }

    [Fact]
    public void Decision_TargetIsHighExactlyWhenInputOneIsLarger()
    {
        var task = new DecisionTask(new DecisionTaskOptions { StimulusNoise = 0 });
        using var batch = Sample(task, 32);
        var u = batch.Inputs.ToArray<float>();
        var y = batch.Targets.ToArray<float>();
        for (var b = 0; b < 32; b++)
        {
            var trial = (DecisionTrial)batch.Trials[b];
            Assert.True(Math.Abs(trial.Level1 - trial.Level2) >= 0.05 - 1e-12);
            Assert.InRange(trial.Level2, 0.2, 0.8);
            var t = 50;
            Assert.Equal(trial.Level1, u[(t * 32 + b) * 2], 5);
            Assert.Equal(trial.Level2, u[(t * 32 + b) * 2 + 1], 5);
            Assert.Equal(trial.Level1 > trial.Level2 ? 1f : 0f, y[t * 32 + b]);
        }
    }

    [Fact]
    public void FlipFlop_TargetHoldsTheSignOfTheLastPulse()
    {
        var task = new FlipFlopTask(new FlipFlopTaskOptions { Steps = 200, PulseProbability = 0.05 });
        using var batch = Sample(task, 4);
        var u = batch.Inputs.ToArray<float>();
        var y = batch.Targets.ToArray<float>();
        var m = batch.Mask.ToArray<float>();
        for (var b = 0; b < 4; b++)
        {
            var pulses = ((FlipFlopTrial)batch.Trials[b]).Pulses;
            for (var k = 0; k < 3; k++)
            {
                Assert.NotEmpty(pulses[k]);
                for (var t = 0; t < 200; t++)
                {
                    var i = (t * 4 + b) * 3 + k;
                    var last = pulses[k].LastOrDefault(p => p.Step <= t, (Step: -1, Sign: 0));
                    var inPulse = last.Step >= 0 && t < last.Step + 3;
                    Assert.Equal(inPulse ? last.Sign : 0, u[i]);
                    Assert.Equal(last.Sign, y[i]);
                    Assert.Equal(last.Step >= 0 && t - last.Step >= 5 ? 1f : 0f, m[i]);
                }
            }
        }
    }

    [Fact]
    public void Integrator_TargetIsTheScaledRunningSumOfItsInput()
    {
        var task = new IntegratorTask(new IntegratorTaskOptions { Steps = 50, Scale = 0.2 });
        using var batch = Sample(task, 4);
        var u = batch.Inputs.ToArray<float>();
        var y = batch.Targets.ToArray<float>();
        for (var b = 0; b < 4; b++)
        {
            double sum = 0;
            for (var t = 0; t < 50; t++)
            {
                sum += u[t * 4 + b];
                Assert.Equal(0.2 * sum, y[t * 4 + b], 4);
            }
        }
    }

    [Fact]
    public void SineTasks_EncodeFrequencyAsSpecified()
    {
        var options = new SineTaskOptions { StimulusNoise = 0, Steps = 100 };
        var frequency = new SineTask(options, SineTaskVariant.Frequency, 10);
        using (var batch = Sample(frequency, 4))
        {
            var trial = (SineTrial)batch.Trials[0];
            var f = trial.Frequencies[0];
            Assert.Equal(Math.Sin(2 * Math.PI * f * 37 * 0.01), batch.Inputs.ToArray<float>()[37 * 4], 4);
            Assert.Equal((f - 1) / 3, batch.Targets.ToArray<float>()[99 * 4], 4);
        }
        var generate = new SineTask(options, SineTaskVariant.Generate, 10);
        using (var batch = Sample(generate, 4))
        {
            var trial = (SineTrial)batch.Trials[1];
            Assert.Equal(trial.CueLevel, batch.Inputs.ToArray<float>()[50 * 4 + 1], 4);
            Assert.Equal(1 + 3 * trial.CueLevel, trial.Frequencies[0], 9);
            Assert.Equal(Math.Sin(2 * Math.PI * trial.Frequencies[0] * 0.5), batch.Targets.ToArray<float>()[50 * 4 + 1], 4);
        }
        var compare = new SineTask(options, SineTaskVariant.Compare, 10);
        using (var batch = Sample(compare, 16))
            for (var b = 0; b < 16; b++)
            {
                var fs = ((SineTrial)batch.Trials[b]).Frequencies;
                Assert.True(Math.Abs(fs[0] - fs[1]) >= 0.5 - 1e-12);
                Assert.Equal(fs[0] > fs[1] ? 1f : 0f, batch.Targets.ToArray<float>()[99 * 16 + b]);
            }
    }

    [Fact]
    public void PointTasks_ReportDistanceAndTheFartherPoint()
    {
        var options = new PointTaskOptions { Dimensions = 3, StimulusNoise = 0 };
        using (var batch = Sample(new PointTask(options, compareTwo: false), 8))
            for (var b = 0; b < 8; b++)
            {
                var x = ((PointTrial)batch.Trials[b]).Points[0];
                Assert.Equal(Math.Sqrt(x.Sum(v => v * v) / 3), batch.Targets.ToArray<float>()[50 * 8 + b], 5);
                Assert.Equal(x[2], batch.Inputs.ToArray<float>()[(50 * 8 + b) * 3 + 2], 5);
            }
        using (var batch = Sample(new PointTask(options, compareTwo: true), 32))
            for (var b = 0; b < 32; b++)
            {
                var p = ((PointTrial)batch.Trials[b]).Points;
                double N(double[] v) => Math.Sqrt(v.Sum(e => e * e));
                Assert.True(Math.Abs(N(p[0]) - N(p[1])) >= 0.05 - 1e-9);
                Assert.Equal(N(p[0]) > N(p[1]) ? 1f : 0f, batch.Targets.ToArray<float>()[50 * 32 + b]);
            }
    }
}
