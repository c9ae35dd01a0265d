using RnnLab.Artifacts;
using RnnLab.Experiments;
using RnnLab.Sweeps;
using RnnLab.Training;

namespace RnnLab.Tests.Sweeps;

public sealed class SweepStatusTests : IDisposable
{
    private readonly SweepFiles _files = new();

    public void Dispose() => _files.Dispose();

    [Fact]
    public void EachNetworkCountsOnceWithItsStateAndThePointShowsItsLastEvaluation()
    {
        var definition = SweepDefinition.Load(_files.Sweep("""{ "Config": "../configs/small.json", "Seeds": 4 }"""), null, new Dictionary<string, string>());
        var sweep = SweepDirectory.CreateOrContinue(Path.Combine(_files.Folder, "out"), definition);
        var (done, failed, running, waiting) = (sweep.Network(0), sweep.Network(1), sweep.Network(2), sweep.Network(3));
        using (var trainer = Trainer.Start(done.Run.Options, done.Network)) trainer.Run();
        Directory.CreateDirectory(failed.Network.Path);
        ArtifactFile.Write(failed.Network.Failure, new FailureFile(1, "diverged", "host", DateTimeOffset.UtcNow), ArtifactJson.Default.FailureFile);
        using var held = NetworkLock.Acquire(running.Network.Path);   // this process trains it

        var status = Assert.Single(SweepStatus.Of(sweep, new Dictionary<int, string>()));

        Assert.Equal(("small", 1, 1, 1, 1), (status.Point, status.Done, status.Running, status.Waiting, status.Failed));
        var last = done.Network.ReadMetrics()[^1];
        Assert.Equal(last.EvalLoss, status.EvalLoss);
        Assert.Equal(last.Accuracy, status.Accuracy);
        Assert.Empty(status.SlurmStates);
        Assert.Equal(NetworkState.Waiting, SweepStatus.Of(waiting.Network, null));
    }

    [Fact]
    public void SlurmsStateDecidesForANetworkThatIsNotFinished()
    {
        var definition = SweepDefinition.Load(_files.Sweep("""{ "Config": "../configs/small.json", "Seeds": 4 }"""), null, new Dictionary<string, string>());
        var sweep = SweepDirectory.CreateOrContinue(Path.Combine(_files.Folder, "out"), definition);
        using (var trainer = Trainer.Start(sweep.Network(0).Run.Options, sweep.Network(0).Network)) trainer.Run();
        var states = new Dictionary<int, string> { [0] = "COMPLETED", [1] = "RUNNING", [2] = "PENDING", [3] = "TIMEOUT" };

        var status = Assert.Single(SweepStatus.Of(sweep, states));

        Assert.Equal((1, 1, 1, 1), (status.Done, status.Running, status.Waiting, status.Failed));
        Assert.Equal(new Dictionary<string, int> { ["COMPLETED"] = 1, ["PENDING"] = 1, ["RUNNING"] = 1, ["TIMEOUT"] = 1 }, status.SlurmStates);
    }
}
