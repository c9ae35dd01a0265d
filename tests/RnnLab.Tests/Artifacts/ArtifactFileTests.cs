using RnnLab.Artifacts;
using RnnLab.Experiments;
using RnnLab.Training;

namespace RnnLab.Tests.Artifacts;

public sealed class ArtifactFileTests : IDisposable
{
    private readonly string _dir = TestSupport.TempDirectory();

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void RunFile_RoundTrips_InSnakeCase()
    {
        var path = Path.Combine(_dir, "run.json");
        var written = new RunFile(10, "separate", new StartingWeightsSource("start/model.safetensors", "/data/w.pt"), Id: "5f0c");
        ArtifactFile.Write(path, written, ArtifactJson.Default.RunFile);
        Assert.Equal("""{"seeds":10,"mode":"separate","init":{"file":"start/model.safetensors","source":"/data/w.pt"},"schema_version":1,"id":"5f0c"}""", File.ReadAllText(path).Trim());
        Assert.Equal(written, ArtifactFile.Read(path, ArtifactJson.Default.RunFile, f => f.SchemaVersion, RunFile.CurrentSchema));
    }

    [Fact]
    public void ANewerOrDamagedFile_IsRefusedInOneLineNamingIt()
    {
        var path = Path.Combine(_dir, "run.json");
        File.WriteAllText(path, """{"seeds":2,"mode":"separate","schema_version":7}""");
        var e = Assert.Throws<IOException>(() => ArtifactFile.Read(path, ArtifactJson.Default.RunFile, f => f.SchemaVersion, RunFile.CurrentSchema));
        Assert.Equal($"{path}: key 'schema_version' is 7, newer than the 1 this RnnLab reads; update RnnLab to read it.", e.Message);
        File.WriteAllText(path, """{"seeds":2,"mode":""");
        e = Assert.Throws<IOException>(() => ArtifactFile.Read(path, ArtifactJson.Default.RunFile, f => f.SchemaVersion, RunFile.CurrentSchema));
        Assert.StartsWith($"{path}: is not a valid run.json (", e.Message);
        Assert.DoesNotContain('\n', e.Message);
    }

    [Fact]
    public void ARunWrittenBeforeSchemaVersions_StillOpens()
    {
        // run.json as RnnLab wrote it before: "format" and no schema_version, or no mode at all.
        var run = Path.Combine(_dir, "old");
        RunDirectory.Create(run, TestSupport.Experiment(), seeds: 2, replace: false);
        File.WriteAllText(Path.Combine(run, "run.json"), """{ "seeds": 2, "format": 1 }""");
        var opened = RunDirectory.Open(run);
        Assert.Equal(2, opened.Seeds);
        Assert.Equal(TrainingMode.Separate, opened.Mode);
    }

    [Fact]
    public void MetricsLines_RoundTrip_ATornLastLineIsSkipped_ADamagedLineOrANewerLineIsRefused()
    {
        var network = new NetworkDirectory(_dir, 0, 1);
        var records = new[] { new MetricsRecord(0, null, 0.5, 0.25, 0.125), new MetricsRecord(100, 0.5, 0.25, 0.875, 3.5), new MetricsRecord(200, 0.125, 0.0625, 1, 7.25) };
        foreach (var r in records) network.AppendMetrics(r);
        Assert.StartsWith("""
            {"step":0,"loss":null,"eval_loss":0.5,"accuracy":0.25,"elapsed_seconds":0.125,"schema_version":2}
            {"step":100,"loss":0.5,"eval_loss":0.25,"accuracy":0.875,"elapsed_seconds":3.5,"schema_version":2}
            """, File.ReadAllText(network.Metrics));
        File.AppendAllText(network.Metrics, """{"step":300,"loss":0.1""");   // torn by a crash
        Assert.Equal(records, network.ReadMetrics());
        // A torn line that is not the last is damage, not a write under way: reported, naming the line.
        File.AppendAllText(network.Metrics, "\n");
        var damaged = Assert.Throws<IOException>(() => network.ReadMetrics());
        Assert.StartsWith($"{network.Metrics} line 4: is not a valid ", damaged.Message);

        network.Reconcile(new TrainingHistory(records, 0));
        // A line of schema 1 (from before the step-0 line) still reads.
        File.AppendAllText(network.Metrics, """{"step":300,"loss":0.1,"eval_loss":0.1,"accuracy":1,"elapsed_seconds":9,"schema_version":1}""" + "\n");
        Assert.Equal([.. records, new MetricsRecord(300, 0.1, 0.1, 1, 9, SchemaVersion: 1)], network.ReadMetrics());
        File.AppendAllText(network.Metrics, """{"step":400,"loss":0.1,"eval_loss":0.1,"accuracy":1,"elapsed_seconds":9,"schema_version":3}""" + "\n");
        var e = Assert.Throws<IOException>(() => network.ReadMetrics());
        Assert.Equal($"{network.Metrics} line 5: key 'schema_version' is 3, newer than the 2 this RnnLab reads; update RnnLab to read it.", e.Message);
    }
}
