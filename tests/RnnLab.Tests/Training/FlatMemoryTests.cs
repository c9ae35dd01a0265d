using RnnLab.Randomness;
using System.Diagnostics;
using RnnLab.Models;

namespace RnnLab.Tests.Training;

[CollectionDefinition(Name, DisableParallelization = true)]
public class ProcessCountersCollection
{
    public const string Name = "Process counters (not parallel)";
}

/// <summary>Training through the fused kernel runs in flat memory: no tensor or handle outlives its step.</summary>
[Collection(ProcessCountersCollection.Name)]
public class FlatMemoryTests
{
    private static void Settle()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
    }

    [Fact]
    public void TenThousandFusedTrainingSteps_LeaveNoTensorsBehind()
    {
        using var g = new Generator(1);
        using var model = new RateRnn(new ModelOptions { Units = 8, Train = ["W_rec", "W_in"] }, 1, 1, g);
        using var adam = optim.Adam(model.TrainableParameters);
        Tensor inputs, targets;
        using (NewDisposeScope())
        {
            inputs = randn([5, 4, 1], generator: g).DetachFromDisposeScope();
            targets = randn([5, 4, 1], generator: g).DetachFromDisposeScope();
        }
        var noise = SeedStream.For(1, SeedPurpose.TrainingNoise);
        void Step()
        {
            using var scope = NewDisposeScope();
            adam.zero_grad();
            (model.Forward(inputs, noise).Outputs - targets).square().mean().backward();
            adam.step();
        }
        for (var i = 0; i < 200; i++) Step();
        Settle();
        var tensors = DisposeScopeManager.Statistics.ThreadTotalLiveCount;
        using var process = Process.GetCurrentProcess();
        process.Refresh();
        var rss = process.WorkingSet64;
        for (var i = 0; i < 10_000; i++) Step();
        Settle();
        process.Refresh();
        Assert.Equal(tensors, DisposeScopeManager.Statistics.ThreadTotalLiveCount);
        Assert.True(process.WorkingSet64 - rss < 32L * 1024 * 1024, $"resident memory grew by {(process.WorkingSet64 - rss) / 1024 / 1024} MiB");
        inputs.Dispose();
        targets.Dispose();
    }
}
