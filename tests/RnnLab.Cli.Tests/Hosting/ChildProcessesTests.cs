using System.Diagnostics;
using RnnLab.Cli.Hosting;

namespace RnnLab.Cli.Tests.Hosting;

/// <summary>ChildProcesses with real processes (sh): the order jobs start in, and the exit code it reports.</summary>
public sealed class ChildProcessesTests
{
    private static ChildProcess Job(int index, string script)
    {
        var info = new ProcessStartInfo("sh");
        info.ArgumentList.Add("-c");
        info.ArgumentList.Add(script);
        return new ChildProcess($"job-{index}", info);
    }

    [Fact]
    public async Task JobsStartInOrder_EachFreeSlotTakingTheNextOne()
    {
        // Each job marks its start with a file and then runs until the test releases it, so which jobs have
        // started depends only on which ones the test let finish, never on how fast processes start or how
        // soon their output arrives (reading start order from output lines raced: a late "1" came after "2").
        // With two slots, jobs 0 and 1 start first; each release frees one slot, which must take the next
        // job in order. A split of the jobs into chunks per slot (what Parallel.ForEach does by default)
        // starts 0 and 5 first, and this test then fails waiting for job 1.
        var dir = Directory.CreateTempSubdirectory("rnnlab-test-").FullName;
        Task<int> run = Task.FromResult(0);
        try
        {
            string Started(int k) => Path.Combine(dir, $"started-{k}");
            string Release(int k) => Path.Combine(dir, $"release-{k}");
            var jobs = Enumerable.Range(0, 10).Select(k => Job(k, $"touch '{Started(k)}'; while [ ! -e '{Release(k)}' ]; do sleep 0.01; done")).ToList();
            run = Task.Run(() => ChildProcesses.Run(jobs, 2, (_, _) => { }, (_, _) => { }, CancellationToken.None, () => 0));

            int[] StartedJobs() => [.. Enumerable.Range(0, 10).Where(k => File.Exists(Started(k)))];
            async Task WaitUntilStarted(int k)
            {
                var deadline = DateTime.UtcNow.AddSeconds(60);   // only bounds a failing test
                while (!File.Exists(Started(k)) && !run.IsCompleted)
                {
                    Assert.True(DateTime.UtcNow < deadline, $"job {k} never started; started: [{string.Join(", ", StartedJobs())}]");
                    await Task.Delay(10);
                }
            }

            await WaitUntilStarted(0);
            await WaitUntilStarted(1);
            Assert.Equal([0, 1], StartedJobs());
            // Release the jobs in the order 1, 0, 3, 2, ...: the slot that frees takes job k + 2 and no other.
            int[] releases = [1, 0, 3, 2, 5, 4, 7, 6];
            for (var i = 0; i < releases.Length; i++)
            {
                File.WriteAllText(Release(releases[i]), "");
                await WaitUntilStarted(i + 2);
                Assert.Equal(Enumerable.Range(0, i + 3), StartedJobs());
            }
            File.WriteAllText(Release(8), "");
            File.WriteAllText(Release(9), "");
            Assert.Equal(0, await run);
        }
        finally
        {
            // A failed test leaves no job waiting: every one is released, and the folder goes once they ended.
            for (var k = 0; k < 10; k++) File.WriteAllText(Path.Combine(dir, $"release-{k}"), "");
            await run;
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public void TheFirstFailureInJobOrderIsReported()
    {
        var jobs = new[] { Job(0, "exit 0"), Job(1, "exit 3"), Job(2, "exit 5") };
        Assert.Equal(3, ChildProcesses.Run(jobs, 3, (_, _) => { }, (_, _) => { }, CancellationToken.None, () => 0));
    }
}
