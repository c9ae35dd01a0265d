using System.Text;
using RnnLab.Experiments;
using RnnLab.Models;
using RnnLab.Training;

namespace RnnLab.Tests.Training;

/// <summary>
/// Training writes each network's metrics.jsonl rows as TensorBoard scalars too, in event files that a reader
/// written from the format's specification (<see cref="EventFile"/>) reads back with every CRC holding; a
/// resumed run adds a file of its own, and TensorBoard's rule for steps met again shows what metrics.jsonl says.
/// </summary>
public sealed class TensorBoardTests : IDisposable
{
    private readonly string _dir = TestSupport.TempDirectory();

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private NetworkDirectory Network(string name) => new(Path.Combine(_dir, name), 0, 3);

    private static ExperimentOptions Options() => TestSupport.Experiment(model: new ModelOptions { Units = 12 },
        training: new TrainingOptions { Steps = 12, BatchSize = 8, EvaluateEvery = 2, EvaluationBatchSize = 8, CheckpointEvery = 4 });

    private static string[] EventFiles(NetworkDirectory network) =>
        Directory.GetFiles(network.TensorBoard).Order(StringComparer.Ordinal).ToArray();

    // The (step, value) pairs of one tag that metrics.jsonl holds, as the float32 TensorBoard stores.
    private static List<(long, float)> Expected(IEnumerable<MetricsRecord> rows, string tag) => tag switch
    {
        "loss/train" => rows.Where(r => r.Loss is not null).Select(r => ((long)r.Step, (float)r.Loss!.Value)).ToList(),
        "loss/eval" => rows.Select(r => ((long)r.Step, (float)r.EvalLoss)).ToList(),
        _ => rows.Select(r => ((long)r.Step, (float)r.Accuracy)).ToList(),
    };

    private static readonly string[] Tags = ["loss/train", "loss/eval", "accuracy/eval"];

    [Fact]
    public void Training_WritesEveryMetricsRow_AsScalarsOfOneWellFormedEventFile()
    {
        var network = Network("straight");
        using (var t = Trainer.Start(Options(), network)) t.Run();

        var file = Assert.Single(EventFiles(network));
        Assert.StartsWith("events.out.tfevents.", Path.GetFileName(file));
        var events = EventFile.Read(file);
        Assert.Equal("brain.Event:2", events[0].FileVersion);
        Assert.Empty(events[0].Scalars);
        var rows = network.ReadMetrics();
        Assert.Equal([0, 2, 4, 6, 8, 10, 12], rows.Select(r => r.Step));
        foreach (var tag in Tags)
        {
            var logged = events.Skip(1).SelectMany(e => e.Scalars.Where(s => s.Tag == tag).Select(s => (e.Step, s.Value))).ToList();
            Assert.Equal(Expected(rows, tag), logged);
        }
        Assert.All(events.Skip(1), e => Assert.Single(e.Scalars));
        // Scalars carry a Unix time in seconds; TorchSharp gives the file_version record DateTime.Ticks instead (not checked here).
        Assert.All(events.Skip(1), e => Assert.InRange(e.WallTime, DateTimeOffset.UtcNow.AddHours(-1).ToUnixTimeSeconds(), DateTimeOffset.UtcNow.AddMinutes(1).ToUnixTimeSeconds()));
    }

    [Fact]
    public void AResumedRun_AddsAnEventFile_AndTensorBoardsRuleForStepsMetAgain_ShowsWhatMetricsJsonlSays()
    {
        var network = Network("resumed");
        using (var t = Trainer.Start(Options(), network)) t.Run(stopAfterStep: 6);
        // As if killed after step 6 was logged but before its checkpoint: resume goes back to step 4 and logs step 6 again.
        File.Delete(Path.Combine(network.CheckpointFolder, TrainingCheckpoint.FileName(6)));
        using (var t = Trainer.Resume(Options(), network, _ => { })) t.Run();

        var files = EventFiles(network);
        Assert.Equal(2, files.Length);
        var first = EventFile.Read(files[0]);
        var second = EventFile.Read(files[1]);
        Assert.Equal("brain.Event:2", second[0].FileVersion);
        Assert.Equal([0L, 2, 4, 6], first.Skip(1).Select(e => e.Step).Distinct());
        Assert.Equal([6L, 8, 10, 12], second.Skip(1).Select(e => e.Step).Distinct());

        // TensorBoard reads the files in name order, and a step met again drops that step and every later one it had.
        var rows = network.ReadMetrics();
        foreach (var tag in Tags)
        {
            var shown = new List<(long step, float value)>();
            foreach (var e in first.Concat(second))
                foreach (var s in e.Scalars.Where(s => s.Tag == tag))
                {
                    shown.RemoveAll(p => p.step >= e.Step);
                    shown.Add((e.Step, s.Value));
                }
            Assert.Equal(Expected(rows, tag), shown);
        }
    }

    [Fact]
    public void ANetwork_GetsNoEventFileUntilItLogs_AndStartingAgainDropsThoseOfTheAttemptBefore()
    {
        var network = Network("again");
        Directory.CreateDirectory(network.TensorBoard);
        File.WriteAllText(Path.Combine(network.TensorBoard, "events.out.tfevents.1.host.1.1"), "of an attempt that died");
        using (Trainer.Start(Options(), network)) { }
        Assert.False(Directory.Exists(network.TensorBoard));
    }

    [Fact]
    public void TheReader_RefusesAFileWithOneByteChanged_InALengthOrInTheData()
    {
        var network = Network("damaged");
        using (var t = Trainer.Start(Options(), network)) t.Run(stopAfterStep: 2);
        var bytes = File.ReadAllBytes(Assert.Single(EventFiles(network)));
        var records = EventFile.Records(bytes).ToList();
        var second = 16 + records[0].Length;

        var inLength = (byte[])bytes.Clone();
        inLength[second] ^= 1;
        Assert.Equal($"offset {second}: the length's CRC does not hold", Assert.Throws<InvalidDataException>(() => EventFile.Records(inLength).ToList()).Message);
        var inData = (byte[])bytes.Clone();
        inData[second + 12 + records[1].Length - 1] ^= 0x80;   // the last byte of a float: its sign
        Assert.Equal($"offset {second}: the data's CRC does not hold", Assert.Throws<InvalidDataException>(() => EventFile.Records(inData).ToList()).Message);
    }

    [Fact]
    public void TheReadersCrc32C_GivesTheCheckValueOfTheCastagnoliPolynomial()
    {
        Assert.Equal(0xE3069283u, EventFile.Crc32C(Encoding.ASCII.GetBytes("123456789")));
        Assert.Equal(0u, EventFile.Crc32C([]));
    }
}
