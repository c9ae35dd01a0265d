using System.Text.RegularExpressions;
using RnnLab.Experiments;
using static RnnLab.Cli.Tests.CliRunner;

namespace RnnLab.Cli.Tests.Commands;

/// <summary>
/// A reader never mixes two runs: analysis files written for a run that `train --force` has since replaced
/// in the same folder (as an analyze still running during the replacement writes them) are refused by
/// compare and report in one line naming the file; files from before runs had ids are read as before.
/// </summary>
[Collection(ConsoleCollection.Name)]
public sealed class MixedRunTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("rnnlab-mixed-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string Config(int units)
    {
        var path = Path.Combine(_dir, $"tiny-{units}.json");
        File.WriteAllText(path, $$"""
            { "Name": "tiny", "Seed": 2, "Model": { "Units": {{units}} }, "Task": { "Kind": "perception", "Steps": 20, "GraceSteps": 2 },
              "Training": { "Steps": 3, "BatchSize": 4, "EvaluateEvery": 3, "EvaluationBatchSize": 8, "CheckpointEvery": 3 } }
            """);
        return path;
    }

    private static void Succeeds(params string[] args)
    {
        var (code, _, error) = Run(args);
        Assert.True(code == 0, error);
    }

    // The launcher installs Plotly.js (web/node_modules) before the tests run, as for every report test.
    private static (int code, string output, string error) Report(string run) => Run("report", run);

    [Fact]
    public void CompareAndReport_OfAnalysisFilesOfTheRunTrainForceReplaced_AreRefusedInOneLine_AndWriteNothing()
    {
        var run = Path.Combine(_dir, "run");
        var analysis = Path.Combine(run, "analysis");
        Succeeds("train", Config(8), "--out", run, "--quiet");
        foreach (var snapshot in new[] { "init", "final" }) Succeeds("analyze", run, "--snapshot", snapshot, "--states", "16", "--max-iterations", "50", "--quiet");
        Succeeds("compare", run, "--quiet");
        var old = RunDirectory.Open(run).Id;
        var files = Directory.GetFiles(analysis, "*.json").ToDictionary(f => Path.GetFileName(f), File.ReadAllBytes);

        Succeeds("train", Config(12), "--out", run, "--force", "--quiet");
        var now = RunDirectory.Open(run).Id;
        Assert.NotEqual(old, now);
        Directory.CreateDirectory(analysis);
        foreach (var (name, bytes) in files) File.WriteAllBytes(Path.Combine(analysis, name), bytes);

        var (code, _, error) = Run("compare", run, "--quiet");
        Assert.Equal(1, code);
        Assert.Equal($"rnnlab compare: {Path.Combine(analysis, "fixed_points.init.json")} was computed from another run in this folder (id {old}; the run now is {now}); run './rnnlab analyze {run} --snapshot init' again.",
            error.Trim());
        Assert.Equal(files["comparison.json"], File.ReadAllBytes(Path.Combine(analysis, "comparison.json")));

        (code, _, error) = Report(run);
        Assert.Equal(1, code);
        Assert.Equal($"rnnlab report: {Path.Combine(analysis, "pca.init.json")} was computed from another run in this folder (id {old}; the run now is {now}); run './rnnlab analyze {run} --snapshot init' again.",
            error.Trim());
        foreach (var pca in Directory.GetFiles(analysis, "pca*.json")) File.Delete(pca);
        (code, _, error) = Report(run);
        Assert.Equal(1, code);
        Assert.Equal($"rnnlab report: {Path.Combine(analysis, "comparison.json")} was computed from another run in this folder (id {old}; the run now is {now}); run './rnnlab compare {run}' again.",
            error.Trim());
        Assert.False(File.Exists(Path.Combine(run, "report.html")));

        // Files written before runs had ids carry none, and are read as before.
        foreach (var file in Directory.GetFiles(analysis, "fixed_points*.json"))
            File.WriteAllText(file, Regex.Replace(File.ReadAllText(file), @",""run_id"":""[0-9a-f]+""", ""));
        Succeeds("compare", run, "--quiet");
        Assert.Contains($"\"run_id\":\"{now}\"", File.ReadAllText(Path.Combine(analysis, "comparison.json")));
    }
}
