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
        Assert.Single(said);   // nothing to say about a network that just starts or resumes

        Assert.Null(RunContinuation.Ensemble(run, wholeRun: true));   // separate networks continue apart
    }
}
