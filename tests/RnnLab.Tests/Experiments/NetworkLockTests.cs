using RnnLab.Experiments;
using RnnLab.Training;

namespace RnnLab.Tests.Experiments;

public sealed class NetworkLockTests : IDisposable
{
    private readonly string _dir = TestSupport.TempDirectory();

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void ASecondWriterOfANetwork_IsRefusedNamingTheFirst_AndMayGoOnOnceItIsDone()
    {
        var run = RunDirectory.Create(Path.Combine(_dir, "run"), TestSupport.Experiment(), seeds: null, replace: false);
        var network = run.Networks[0];
        using (var first = Trainer.Start(run.Options, network))
        {
            var e = Assert.Throws<NetworkInUseException>(() => RunContinuation.Network(run, network, null, _ => { }, _ => { }));
            Assert.True(NetworkLock.IsHeld(network.Path));
            Assert.Matches($@"^run {System.Text.RegularExpressions.Regex.Escape(network.Path)} is in use by pid {Environment.ProcessId} on {Environment.MachineName} since \d{{4}}-\d\d-\d\d \d\d:\d\d:\d\d UTC; wait for it to finish or stop it first\.$", e.Message);
        }
        Assert.False(NetworkLock.IsHeld(network.Path));   // the holder's note went with the lock
        using var second = RunContinuation.Network(run, network, null, _ => { }, _ => { });
        Assert.NotNull(second);
    }
}
