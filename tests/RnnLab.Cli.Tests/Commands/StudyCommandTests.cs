using RnnLab.Analysis;
using RnnLab.Studies;
using static RnnLab.Cli.Tests.CliRunner;

namespace RnnLab.Cli.Tests.Commands;

/// <summary>
/// `rnnlab study` with the local executor: every stage runs from nothing; running it again runs nothing; a
/// changed option reruns exactly the steps that read it; a failed step is recorded, reported and retried;
/// a mistake stops the command before anything is made.
/// </summary>
[Collection(ConsoleCollection.Name)]
public sealed class StudyCommandTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("rnnlab-study-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string Study(string stages, string trials = "8")
    {
        File.WriteAllText(Path.Combine(_dir, "tiny.json"), """
            { "Name": "tiny", "Seed": 2, "Model": { "Units": 8 }, "Task": { "Kind": "perception", "Steps": 20, "GraceSteps": 2 },
              "Training": { "Steps": 6, "BatchSize": 4, "EvaluateEvery": 3, "EvaluationBatchSize": 8, "CheckpointEvery": 3 } }
            """);
        var path = Path.Combine(_dir, "study.json");
        File.WriteAllText(path, $$"""
            { "Config": "tiny.json", "Seeds": 2, "Grid": { "Model:Units": [8, 10] }, "Stages": {{stages}},
              "Analyze": { "Snapshots": ["init", "final"], "FixedPoints": { "InitialStates": 16, "MaxIterations": 200 } },
              "Similarity": { "Metrics": ["procrustes"], "Trials": {{trials}} } }
            """);
        return path;
    }

    private static List<string> StagesRun(string output) =>
        [.. output.Split('\n').Select(l => l.Trim()).Where(l => System.Text.RegularExpressions.Regex.IsMatch(l, @"^[a-z-]+: \d+ step\(s\)$"))];

    [Fact]
    [Trait("Category", "Slow")]
    public void EveryStageRuns_ARerunRunsNothing_AndAChangedOptionRerunsOnlyWhatReadsIt()
    {
        var file = Study("""["train", "analyze", "compare", "report", "similarity", "census"]""");
        var output = Path.Combine(_dir, "out");

        var (code, printed, error) = Run("study", file, "--out", output, "--quiet");

        Assert.True(code == 0, error);
        Assert.Equal(["train: 4 step(s)", "analyze: 8 step(s)", "compare-network: 4 step(s)", "compare: 2 step(s)", "report: 2 step(s)", "similarity: 1 step(s)", "census: 1 step(s)"], StagesRun(printed));
        var study = StudyDirectory.Open(output);
        Assert.All(study.Steps, s => Assert.Equal(StepState.Done, study.StateOf(s)));
        Assert.All(study.Steps, s => Assert.All(s.Outputs, o => Assert.True(File.Exists(Path.Combine(output, o)), o)));
        Assert.True(File.Exists(Path.Combine(output, "results", "census", "census.html")));
        Assert.True(File.Exists(Path.Combine(output, "tiny_Model.Units-10", "report.html")));
        var (statusCode, status, _) = Run("study", "status", output);
        Assert.Equal(0, statusCode);
        Assert.Matches(@"tiny_Model\.Units-8 +2/2 +4/4 +2/2 +1/1 +1/1 +- +-", status);
        Assert.Matches(@"\(study\) +- +- +- +- +- +1/1 +1/1", status);
        // The point's comparison aggregated from its networks' own steps is the one `compare` makes in one go.
        var point = Path.Combine(output, "tiny_Model.Units-10", "analysis");
        var (fromSteps, verdictsFromSteps) = (File.ReadAllBytes(Path.Combine(point, "comparison.json")), File.ReadAllBytes(Path.Combine(point, "hypotheses.json")));
        Assert.Equal(0, Run("compare", Path.Combine(output, "tiny_Model.Units-10"), "--quiet").code);
        Assert.Equal(File.ReadAllBytes(Path.Combine(point, "comparison.json")), fromSteps);
        Assert.Equal(File.ReadAllBytes(Path.Combine(point, "hypotheses.json")), verdictsFromSteps);
        var analysis = File.GetLastWriteTimeUtc(Path.Combine(output, "tiny_Model.Units-8", "seed-0", "analysis", "fixed_points.json"));

        (code, printed, error) = Run("study", file, "--out", output, "--quiet");
        Assert.True(code == 0, error);
        Assert.Contains("0 to run", printed);
        Assert.Empty(StagesRun(printed));

        // Another number of trials is the similarity step's own option: it alone runs again.
        file = Study("""["train", "analyze", "compare", "report", "similarity", "census"]""", trials: "10");
        (code, printed, error) = Run("study", file, "--out", output, "--quiet");
        Assert.True(code == 0, error);
        Assert.Equal(["similarity: 1 step(s)"], StagesRun(printed));
        Assert.Equal(analysis, File.GetLastWriteTimeUtc(Path.Combine(output, "tiny_Model.Units-8", "seed-0", "analysis", "fixed_points.json")));

        // An output gone is made again, and nothing else.
        File.Delete(Path.Combine(output, "tiny_Model.Units-10", "seed-1", "analysis", "pca.init.json"));
        (code, printed, error) = Run("study", file, "--out", output, "--quiet");
        Assert.True(code == 0, error);
        Assert.Equal(["analyze: 1 step(s)"], StagesRun(printed));
        Assert.Contains("analyze tiny_Model.Units-10 seed-1 init: done", printed);
    }

    [Fact]
    [Trait("Category", "Slow")]
    public void AFailedStepIsRecordedAndReported_AndTheNextRunRetriesIt()
    {
        var file = Study("""["initialize", "analyze", "census"]""");
        File.WriteAllText(file, File.ReadAllText(file).Replace("""["init", "final"]""", """["init"]"""));
        var output = Path.Combine(_dir, "out");
        var (code, _, error) = Run("study", file, "--out", output, "--quiet");
        Assert.True(code == 0, error);

        // The census's folder taken by a file: the step cannot write, as on a full or read-only disk.
        var census = Path.Combine(output, "results", "census");
        Directory.Delete(census, recursive: true);
        File.WriteAllText(census, "");
        (code, var printed, error) = Run("study", file, "--out", output, "--quiet");
        Assert.Equal(1, code);
        Assert.Equal(["census: 1 step(s)"], StagesRun(printed));
        Assert.Contains("rnnlab study: census:", error);
        var study = StudyDirectory.Open(output);
        Assert.Equal(StepState.Failed, study.StateOf(study.Step("census")));
        var (statusCode, status, statusError) = Run("study", "status", output);
        Assert.Equal(1, statusCode);
        Assert.Matches(@"\(study\) +- +- +0/1 1 failed", status);
        Assert.Contains("1 step(s) failed", statusError);

        File.Delete(census);
        (code, printed, error) = Run("study", file, "--out", output, "--quiet");
        Assert.True(code == 0, error);
        Assert.Equal(["census: 1 step(s)"], StagesRun(printed));
        Assert.Equal(StepState.Done, study.StateOf(study.Step("census")));
        Assert.False(File.Exists(study.FailurePath(study.Step("census"))));
    }

    [Theory]
    [InlineData("""["train", "analyse"]""", "Stages has 'analyse'; allowed: train, initialize, analyze, compare, report, similarity, census")]
    [InlineData("""["train", "report"]""", "Stages has report, which shows compare's results; add compare.")]
    public void AMistakeInTheStudyFileIsOneLineNamingTheFileAndKey_AndNothingIsMade(string stages, string expected)
    {
        var file = Study(stages);
        var output = Path.Combine(_dir, "out");

        var (code, _, error) = Run("study", file, "--out", output);

        Assert.Equal(2, code);
        Assert.Contains($"rnnlab study: {file}: {expected}", error);
        Assert.Contains("rnnlab study: nothing was started.", error);
        Assert.False(Directory.Exists(output));
    }

    [Fact]
    public void StatusOfADirectoryThatIsNoStudy_SaysSoInOneLine()
    {
        var (code, _, error) = Run("study", "status", _dir);

        Assert.NotEqual(0, code);
        Assert.Equal($"rnnlab study status: {_dir}: not a study directory (it has no study.json).", error.Trim());
    }

    [Fact]
    public void ThePlansOutputNames_AreTheAnalysisWritersOwn()
    {
        var file = Study("""["train", "analyze", "compare", "report"]""");
        File.WriteAllText(file, File.ReadAllText(file).Replace("""["init", "final"]""", """["init", "final", "learned"]""")
            .Replace("\"Stages\"", """ "Compare": { "Snapshot": "learned" }, "Stages" """));
        var study = StudyDirectory.CreateOrContinue(Path.Combine(_dir, "out"), StudyDefinition.Load(file, null, new Dictionary<string, string>()));

        foreach (var snapshot in new[] { Snapshot.Init, Snapshot.Final, Snapshot.Learned })
        {
            var analyze = study.Steps.First(s => s.Stage == StudyStage.Analyze && s.Snapshot == snapshot.ToString().ToLowerInvariant());
            Assert.Equal([AnalysisWriter.FileName("fixed_points", snapshot), AnalysisWriter.FileName("pca", snapshot)], analyze.Outputs.Select(Path.GetFileName));
        }
        var compare = study.Steps.First(s => s.Stage == StudyStage.Compare);
        Assert.Equal([AnalysisWriter.FileName("comparison", Snapshot.Learned), AnalysisWriter.FileName("hypotheses", Snapshot.Learned)], compare.Outputs.Select(Path.GetFileName));
        var report = study.Steps.First(s => s.Stage == StudyStage.Report);
        Assert.Equal(Path.GetFileName(RnnLab.Analysis.Reports.RunReport.PathIn("x", Snapshot.Learned)), Path.GetFileName(report.Outputs[0]));
    }
}
