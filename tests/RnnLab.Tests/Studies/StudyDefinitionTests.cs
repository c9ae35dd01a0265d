using RnnLab.Configuration;
using RnnLab.Studies;
using RnnLab.Tests.Sweeps;

namespace RnnLab.Tests.Studies;

public sealed class StudyDefinitionTests : IDisposable
{
    private readonly SweepFiles _files = new();

    public void Dispose() => _files.Dispose();

    private static readonly Dictionary<string, string> NoEnvironment = new();

    [Fact]
    public void AStudyIsASweepFilePlusItsStages_AndItsResolvedFormLoadsToTheSameStudy()
    {
        File.WriteAllText(Path.Combine(_files.Folder, "spec.json"), "{}");
        var path = _files.Sweep("""
            { "Config": "../configs/small.json", "Seeds": 2, "Grid": { "Model:Units": [8, 12] },
              "Stages": ["train", "analyze", "compare", "report", "similarity"],
              "Analyze": { "Snapshots": ["init", "final"], "FixedPoints": { "InitialStates": 32 } },
              "Compare": { "Hypotheses": "../spec.json" },
              "Similarity": { "Metrics": ["dsa", "cka"], "Trials": 16 } }
            """, "study.json");

        var study = StudyDefinition.Load(path, null, NoEnvironment);

        Assert.Equal(2, study.Sweep.Points.Count);
        Assert.Equal(4, study.Sweep.Networks);
        Assert.Equal([StudyStage.Train, StudyStage.Analyze, StudyStage.CompareNetwork, StudyStage.Compare, StudyStage.Report, StudyStage.Similarity], study.Options.StageList);   // compare implies its per-network steps
        Assert.Equal(["--FixedPoints:InitialStates=32"], study.Options.Analyze.Overrides());
        Assert.Equal(Path.Combine(_files.Folder, "spec.json"), study.Options.Compare.Hypotheses);   // relative to the study file
        // The resolved study, as a study directory keeps it, reads back as the same study.
        var resolved = Path.Combine(_files.Folder, "resolved.json");
        File.WriteAllText(resolved, study.ToJson());
        var again = StudyDefinition.Load(resolved, null, NoEnvironment);
        Assert.Equal(study.ToJson(), again.ToJson());
    }

    [Fact]
    public void AStudyOfUntrainedNetworks_MayReadTheirInitialWeightsInAnyStage()
    {
        var path = _files.Sweep("""
            { "Config": "../configs/small.json", "Seeds": 2, "Stages": ["initialize", "similarity"], "Similarity": { "Snapshot": "init" } }
            """, "study.json");

        Assert.Equal([StudyStage.Initialize, StudyStage.Similarity], StudyDefinition.Load(path, null, NoEnvironment).Options.StageList);
    }

    [Fact]
    public void ASearchKeyOfTheStudyIsCheckedOnEveryPoint_AndItsErrorNamesTheStudysSection()
    {
        var path = _files.Sweep("""
            { "Config": "../configs/small.json", "Stages": ["train", "analyze"], "Analyze": { "FixedPoints": { "InitialStates": 0, "Nonsense": 1 } } }
            """, "study.json");

        var e = Assert.Throws<ConfigurationException>(() => StudyDefinition.Load(path, null, NoEnvironment));

        Assert.All(e.Errors, line => Assert.Contains($"{path} Analyze", line));
        Assert.Contains(e.Errors, line => line.Contains("FixedPoints:InitialStates = 0 is out of range", StringComparison.Ordinal));
        Assert.Contains(e.Errors, line => line.Contains("unknown key FixedPoints:Nonsense", StringComparison.Ordinal));
        Assert.DoesNotContain(e.Errors, line => line.Contains("command line", StringComparison.Ordinal) || line.Contains("--FixedPoints", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("""{ "Config": "../configs/small.json" }""", "Stages is missing or empty; allowed: train, initialize, analyze, compare, report, similarity, census")]
    [InlineData("""{ "Config": "../configs/small.json", "Stages": ["train", "analyse"] }""", "Stages has 'analyse'; allowed: train, initialize, analyze")]
    [InlineData("""{ "Config": "../configs/small.json", "Stages": ["analyze"] }""", "Stages must start with train or initialize")]
    [InlineData("""{ "Config": "../configs/small.json", "Stages": ["train", "compare", "analyze"] }""", "Stages are out of order")]
    [InlineData("""{ "Config": "../configs/small.json", "Stages": ["train", "analyze", "compare"], "Analyze": { "Snapshots": ["final"] } }""", "has compare, which needs analyze of init and of final")]
    [InlineData("""{ "Config": "../configs/small.json", "Stages": ["train", "report"] }""", "has report, which shows compare's results")]
    [InlineData("""{ "Config": "../configs/small.json", "Stages": ["initialize", "analyze"] }""", "has initialize, which trains nothing, but a stage reads the final weights")]
    [InlineData("""{ "Config": "../configs/small.json", "Stages": ["train", "analyze", "census"], "Census": { "Snapshots": ["learned"] } }""", "Census:Snapshots has learned, which Analyze:Snapshots does not analyse")]
    [InlineData("""{ "Config": "../configs/small.json", "Stages": ["train", "similarity"], "Similarity": { "Metrics": ["dtw"] } }""", "Similarity:Metrics has 'dtw'; allowed: dsa, procrustes, cca, cka")]
    [InlineData("""{ "Config": "../configs/small.json", "Stages": ["train"], "Report": { "X": 1 } }""", "unknown key Report; allowed at the top level: Config, Seeds, Set, Grid, Overrides, Slurm, Stages, Analyze")]
    [InlineData("""{ "Config": "../configs/small.json", "Stages": ["train", "analyze", "compare"], "Compare": { "Hypotheses": "none.json" } }""", "Compare:Hypotheses \"none.json\" (resolved: ")]
    [InlineData("""{ "Config": "../configs/small.json", "Stages": ["train", "analyze"], "Analyze": { "FixedPoints": { "InitialStates": 0 } } }""", "FixedPoints:InitialStates = 0 is out of range")]
    [InlineData("""{ "Config": "../configs/small.json", "Seeds": 0, "Stages": ["train"] }""", "Seeds = 0 is out of range")]
    public void AMistakeIsOneLineNamingTheFileAndTheKey_AndNothingLoads(string json, string expected)
    {
        var path = _files.Sweep(json, "study.json");

        var e = Assert.Throws<ConfigurationException>(() => StudyDefinition.Load(path, null, NoEnvironment));

        Assert.Single(e.Errors, line => line.StartsWith(path, StringComparison.Ordinal) && line.Contains(expected, StringComparison.Ordinal));
    }
}
