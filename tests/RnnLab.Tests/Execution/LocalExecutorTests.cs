using System.Diagnostics;
using RnnLab.Execution;

namespace RnnLab.Tests.Execution;

/// <summary>LocalExecutor with real processes (sh): the order jobs start in, and the exit code it reports.</summary>
public sealed class LocalExecutorTests
{
    private static NetworkJob Job(int index, string script)
    {
        var info = new ProcessStartInfo("sh");
        info.ArgumentList.Add("-c");
        info.ArgumentList.Add(script);
        return new NetworkJob($"job-{index}", info);
    }

    [Fact]
    public void JobsStartInOrder_EachFreeSlotTakingTheNextOne()
    {
        // Each job prints its index as it starts; jobs 0 and 1 then take half a second. With two slots, no
        // other job can start before one of them ends, so the first two printed are 0 and 1. A split of the
        // jobs into chunks per slot (what Parallel.ForEach does by default) starts 0 and 5 first.
        var jobs = Enumerable.Range(0, 10).Select(k => Job(k, k < 2 ? $"echo {k}; sleep 0.5" : $"echo {k}")).ToList();
        var started = new List<int>();
        var code = LocalExecutor.Run(jobs, 2, (_, line) => started.Add(int.Parse(line)), (_, _) => { }, CancellationToken.None, () => 0);

        Assert.Equal(0, code);
        Assert.Equal(10, started.Count);
        Assert.Equal([0, 1], started.Take(2).Order());
    }

    [Fact]
    public void TheFirstFailureInJobOrderIsReported()
    {
        var jobs = new[] { Job(0, "exit 0"), Job(1, "exit 3"), Job(2, "exit 5") };
        Assert.Equal(3, LocalExecutor.Run(jobs, 3, (_, _) => { }, (_, _) => { }, CancellationToken.None, () => 0));
    }
}
