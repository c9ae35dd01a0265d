using System.Diagnostics;

namespace RnnLab.Torch.Tests;

[CollectionDefinition(Name, DisableParallelization = true)]
public class MemoryCollection
{
    public const string Name = "Memory (not parallel: reads process-wide counters)";
}

[Collection(MemoryCollection.Name)]
public class MemoryTests
{
    private static void Settle()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
    }

    private static long ResidentBytes()
    {
        using var p = Process.GetCurrentProcess();
        p.Refresh();
        return p.WorkingSet64;
    }

    [Fact]
    public void TenThousandTrainingSteps_InDisposeScopes_LeakNoTensors_AndKeepMemoryFlat()
    {
        using var generator = new Generator(11);
        nn.Parameter w;
        using (NewDisposeScope()) w = new nn.Parameter(randn([32, 32], generator) * 0.1);
        using var _ = w;
        using var adam = optim.Adam([w], lr: 1e-3);
        using var x = randn([16, 32], generator);
        using var target = randn([16, 32], generator);

        void Step()
        {
            using var scope = NewDisposeScope();
            adam.zero_grad();
            var loss = (x.matmul(w).tanh() - target).square().mean();
            loss.backward();
            nn.utils.clip_grad_norm_([w], 1.0);
            adam.step();
        }

        for (var i = 0; i < 500; i++) Step(); // warm-up: optimizer state, allocator caches
        Settle();
        var tensorsBefore = LiveTensorCount;
        var handlesBefore = NativeHandleCount;
        var rssBefore = ResidentBytes();

        for (var i = 0; i < 10_000; i++) Step();

        Settle();
        Assert.Equal(tensorsBefore, LiveTensorCount);
        Assert.Equal(handlesBefore, NativeHandleCount);
        var growth = ResidentBytes() - rssBefore;
        Assert.True(growth < 32L * 1024 * 1024, $"resident memory grew by {growth / 1024 / 1024} MiB over 10,000 steps");
    }

    [Fact]
    public void UndisposedTensors_AreReleasedByTheFinalizer()
    {
        Settle();
        var before = NativeHandleCount;
        static void Make() { for (var i = 0; i < 1000; i++) _ = ones(10) + 1; }
        Make();
        Settle();
        Assert.Equal(before, NativeHandleCount);
    }
}
