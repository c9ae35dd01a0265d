using RnnLab.Experiments;
using RnnLab.Training;

namespace RnnLab.Tests.Experiments;

public sealed class RunContinuationTests : IDisposable
{
    private readonly string _dir = TestSupport.TempDirectory();

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void EachNetworkGoesOnFromWhereItStopped()
    {
        var run = RunDirectory.Create(Path.Combine(_dir, "run"), TestSupport.Experiment(), seeds: 3, replace: false);
        var (finished, stopped, unstarted) = (run.Networks[0], run.Networks[1], run.Networks[2]);
        using (var trainer = Trainer.Start(run.Options, finished)) trainer.Run();
        using (var trainer = Trainer.Start(run.Options, stopped)) trainer.Run(stopAfterStep: 5);
        var said = new List<string>();

        Assert.Null(RunContinuation.Network(run, finished, null, said.Add, said.Add));
        Assert.Equal($"{finished.Path}: already finished ({finished.FinalModel}).", said.Single());
        using (var resumed = RunContinuation.Network(run, stopped, null, said.Add, said.Add)!) Assert.Equal(5, resumed.Step);
        using (var started = RunContinuation.Network(run, unstarted, null, said.Add, said.Add)!) Assert.Equal(0, started.Step);
        Assert.Equal($"{stopped.Path}: resuming at step 5.", said[1]);
        Assert.Equal(2, said.Count);   // nothing to say about a network that just starts

        Assert.Null(RunContinuation.Ensemble(run, wholeRun: true, null, said.Add, said.Add));   // separate networks continue apart
    }

    [Fact]
    public void ANetworkFinishedByAnotherWriterAfterTheLookIsNotTrainedAgain()
    {
        var run = RunDirectory.Create(Path.Combine(_dir, "run"), TestSupport.Experiment(), seeds: null, replace: false);
        var network = run.Networks[0];
        using (var trainer = Trainer.Start(run.Options, network)) trainer.Run(stopAfterStep: 5);
        using (var other = Trainer.Resume(run.Options, network, _ => { })) other.Run();   // finishes it, as another process might have just now
        var metrics = File.ReadAllText(network.Metrics);

        var e = Assert.Throws<NetworkFinishedException>(() => Trainer.Resume(run.Options, network, _ => { }));

        Assert.Equal($"{network.Path}: already finished ({network.FinalModel}).", e.Message);
        Assert.Equal(metrics, File.ReadAllText(network.Metrics));   // nothing truncated
    }
}
