using RnnLab.Studies;
using RnnLab.Tests.Sweeps;

namespace RnnLab.Tests.Studies;

/// <summary>
/// The plan's steps, their inputs and fingerprints: a changed option must rerun the steps that read it and
/// nothing else, and the plan must not depend on anything but the study's files.
/// </summary>
public sealed class StudyPlanTests : IDisposable
{
    private readonly SweepFiles _files = new();

    public void Dispose() => _files.Dispose();

    private static readonly Dictionary<string, string> NoEnvironment = new();

    private StudyDirectory Study(string extra, string folder = "study")
    {
        var path = _files.Sweep($$"""
            { "Config": "../configs/small.json", "Seeds": 2, "Grid": { "Model:Units": [8, 12] },
              "Stages": ["train", "analyze", "compare", "report", "similarity", "census"], {{extra}} }
            """, "study.json");
        return StudyDirectory.CreateOrContinue(Path.Combine(_files.Folder, folder), StudyDefinition.Load(path, null, NoEnvironment));
    }

    private static Dictionary<string, string> Fingerprints(StudyDirectory study) => study.Steps.ToDictionary(s => s.Id, s => s.Fingerprint);

    [Fact]
    public void EveryStageHasItsStepsInOrder_EachReadingWhatItNeeds()
    {
        var study = Study("""  "Similarity": { "Metrics": ["dsa", "cka"] }  """);

        Assert.Equal(4, study.StageSteps(StudyStage.Train).Count);
        Assert.Equal(8, study.StageSteps(StudyStage.Analyze).Count);   // init and final of each network
        Assert.Equal(4, study.StageSteps(StudyStage.CompareNetwork).Count);   // compare implies a step per network
        Assert.Equal(2, study.StageSteps(StudyStage.Compare).Count);
        Assert.Equal(2, study.StageSteps(StudyStage.Report).Count);
        Assert.Equal(["similarity/dsa", "similarity/cka"], study.StageSteps(StudyStage.Similarity).Select(s => s.Id));
        Assert.Single(study.StageSteps(StudyStage.Census));
        foreach (var stage in study.Options.StageList)
            Assert.Equal(Enumerable.Range(0, study.StageSteps(stage).Count), study.StageSteps(stage).Select(s => s.Index));   // the array indices
        var compare = study.Step("compare/small_Model.Units-12");
        Assert.Equal(["compare-network/small_Model.Units-12/seed-0", "compare-network/small_Model.Units-12/seed-1"], compare.DependsOn);
        Assert.Equal(["analyze/small_Model.Units-12/seed-1/init", "analyze/small_Model.Units-12/seed-1/final"],
            study.Step("compare-network/small_Model.Units-12/seed-1").DependsOn);
        Assert.Equal(["train/small_Model.Units-8/seed-1"], study.Step("analyze/small_Model.Units-8/seed-1/final").DependsOn);
        // Every step reads only steps of earlier stages.
        foreach (var step in study.Steps)
            Assert.All(step.DependsOn, d => Assert.True(study.Step(d).Stage < step.Stage));
        // Opened from its files, the study plans the same steps.
        Assert.Equal(Fingerprints(study), Fingerprints(StudyDirectory.Open(study.Path)));
    }

    [Fact]
    public void AChangedSearchKeyRerunsTheAnalysesAndWhatReadsThem_AndNothingElse()
    {
        var before = Fingerprints(Study("""  "Analyze": { "FixedPoints": { "InitialStates": 32 } }  """));
        var after = Fingerprints(Study("""  "Analyze": { "FixedPoints": { "InitialStates": 64 } }  """));

        var changed = before.Keys.Where(id => before[id] != after[id]).ToList();
        Assert.All(changed, id => Assert.Matches("^(analyze|compare-network|compare|report|census)/?", id));
        Assert.Equal(8 + 4 + 2 + 2 + 1, changed.Count);
        Assert.Equal(before["similarity/dsa"], after["similarity/dsa"]);
        Assert.Equal(before["train/small_Model.Units-8/seed-0"], after["train/small_Model.Units-8/seed-0"]);
    }

    [Fact]
    public void AnEditedHypothesisSpecRerunsComparisonAndReport_ButNoAnalysis()
    {
        var spec = Path.Combine(_files.Folder, "spec.json");
        File.WriteAllText(spec, """{ "a": 1 }""");
        var before = Fingerprints(Study("""  "Compare": { "Hypotheses": "../spec.json" }  """));
        File.WriteAllText(spec, """{ "a": 2 }""");
        var after = Fingerprints(Study("""  "Compare": { "Hypotheses": "../spec.json" }  """));

        var changed = before.Keys.Where(id => before[id] != after[id]).Order().ToList();
        Assert.Equal(["compare/small_Model.Units-12", "compare/small_Model.Units-8", "report/small_Model.Units-12", "report/small_Model.Units-8"], changed);
    }

    [Fact]
    public void AStepIsDoneOnlyWithTheFingerprintThePlanGivesItNow()
    {
        var study = Study("");
        var step = study.Step("compare/small_Model.Units-8");
        Assert.Equal(StepState.Waiting, study.StateOf(step));

        study.RecordDone(step, TimeSpan.FromSeconds(1));
        Assert.Equal(StepState.Changed, study.StateOf(step));   // recorded, but its outputs are not there
        WriteOutputs(study, step);
        Assert.Equal(StepState.Done, study.StateOf(step));

        var changed = Study("""  "Compare": { "Snapshot": "learned" }, "Analyze": { "Snapshots": ["init", "learned"] }  """);
        Assert.Equal(StepState.Changed, changed.StateOf(changed.Step("compare/small_Model.Units-8")));

        changed.RecordFailure(changed.Step("compare/small_Model.Units-8"), 1, "broke");
        Assert.Equal(StepState.Failed, changed.StateOf(changed.Step("compare/small_Model.Units-8")));
        WriteOutputs(changed, changed.Step("compare/small_Model.Units-8"));
        changed.RecordDone(changed.Step("compare/small_Model.Units-8"), TimeSpan.Zero);
        Assert.Equal(StepState.Done, changed.StateOf(changed.Step("compare/small_Model.Units-8")));
        Assert.False(File.Exists(changed.FailurePath(changed.Step("compare/small_Model.Units-8"))));
    }

    private static void WriteOutputs(StudyDirectory study, StudyStep step)
    {
        foreach (var output in step.Outputs)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(Path.Combine(study.Path, output))!);
            File.WriteAllText(Path.Combine(study.Path, output), "{}");
        }
    }

    [Fact]
    public void ADirectoryHoldingASweep_IsNotTakenForAStudy()
    {
        var path = _files.Sweep("""{ "Config": "../configs/small.json", "Seeds": 1 }""", "sweep.json");
        var folder = Path.Combine(_files.Folder, "plain");
        RnnLab.Sweeps.SweepDirectory.CreateOrContinue(folder, RnnLab.Sweeps.SweepDefinition.Load(path, null, NoEnvironment));
        var before = Directory.GetFileSystemEntries(folder, "*", SearchOption.AllDirectories).Order().ToList();

        var e = Assert.Throws<RnnLab.Sweeps.SweepConflictException>(() => Study("", "plain"));

        Assert.Contains("holds a sweep, not a study", e.Message);
        Assert.Equal(before, Directory.GetFileSystemEntries(folder, "*", SearchOption.AllDirectories).Order().ToList());
    }
}
