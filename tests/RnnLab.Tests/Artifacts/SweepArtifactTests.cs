using System.Text.Json;
using RnnLab.Artifacts;

namespace RnnLab.Tests.Artifacts;

/// <summary>The files a sweep writes round-trip through their records, in snake_case, and a newer one is refused.</summary>
public sealed class SweepArtifactTests : IDisposable
{
    private readonly string _dir = TestSupport.TempDirectory();

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void TheIndexRoundTrips()
    {
        var path = Path.Combine(_dir, "index.json");
        var written = new SweepIndexFile("/s/sweep.json", 2, [new SweepIndexPoint("p_Model.Units-8", "p_Model.Units-8", new Dictionary<string, string> { ["Model:Units"] = "8" }, "/c/p.json")]);

        ArtifactFile.Write(path, written, ArtifactJson.Default.SweepIndexFile);
        var read = ArtifactFile.Read(path, ArtifactJson.Default.SweepIndexFile, f => f.SchemaVersion, SweepIndexFile.CurrentSchema);

        Assert.Equal("""{"sweep":"/s/sweep.json","seeds":2,"points":[{"name":"p_Model.Units-8","run":"p_Model.Units-8","values":{"Model:Units":"8"},"config":"/c/p.json"}],"schema_version":1}""",
            File.ReadAllText(path).Trim());
        Assert.Equal(JsonSerializer.Serialize(written, ArtifactJson.Default.SweepIndexFile), JsonSerializer.Serialize(read, ArtifactJson.Default.SweepIndexFile));
        Assert.Equal("8", read.Points[0].Values["Model:Units"]);
    }

    [Fact]
    public void TheFailureNoteRoundTrips()
    {
        var path = Path.Combine(_dir, "failed.json");
        var written = new FailureFile(1, "loss is NaN at step 40", "node7", new DateTimeOffset(2026, 11, 30, 12, 0, 0, TimeSpan.Zero));

        ArtifactFile.Write(path, written, ArtifactJson.Default.FailureFile);

        Assert.Equal("""{"exit_code":1,"message":"loss is NaN at step 40","host":"node7","at":"2026-11-30T12:00:00+00:00","schema_version":1}""", File.ReadAllText(path).Trim());
        Assert.Equal(written, ArtifactFile.Read(path, ArtifactJson.Default.FailureFile, f => f.SchemaVersion, FailureFile.CurrentSchema));
    }

    [Fact]
    public void TheSlurmJobListRoundTripsAndANewerOneIsRefused()
    {
        var path = Path.Combine(_dir, "jobs.json");
        var written = new SlurmJobsFile([new SlurmSubmission("41", [0, 1, 3], new DateTimeOffset(2026, 11, 30, 12, 0, 0, TimeSpan.Zero))]);

        ArtifactFile.Write(path, written, ArtifactJson.Default.SlurmJobsFile);
        var read = ArtifactFile.Read(path, ArtifactJson.Default.SlurmJobsFile, f => f.SchemaVersion, SlurmJobsFile.CurrentSchema);

        Assert.Equal("""{"submissions":[{"job_id":"41","tasks":[0,1,3],"submitted_at":"2026-11-30T12:00:00+00:00","stage":null,"offset":0}],"schema_version":2}""", File.ReadAllText(path).Trim());
        Assert.Equal([0, 1, 3], read.Submissions[0].Tasks);
        // A sweep's list of the first layout reads as it was written: no stage, no offset.
        File.WriteAllText(path, """{"submissions":[{"job_id":"41","tasks":[0,1,3],"submitted_at":"2026-11-30T12:00:00+00:00"}],"schema_version":1}""");
        var old = ArtifactFile.Read(path, ArtifactJson.Default.SlurmJobsFile, f => f.SchemaVersion, SlurmJobsFile.CurrentSchema).Submissions[0];
        Assert.Equal(("41", null, 0), (old.JobId, old.Stage, old.Offset));
        File.WriteAllText(path, """{"submissions":[],"schema_version":3}""");
        var e = Assert.Throws<IOException>(() => ArtifactFile.Read(path, ArtifactJson.Default.SlurmJobsFile, f => f.SchemaVersion, SlurmJobsFile.CurrentSchema));
        Assert.Equal($"{path}: key 'schema_version' is 3, newer than the 2 this RnnLab reads; update RnnLab to read it.", e.Message);
    }
}
