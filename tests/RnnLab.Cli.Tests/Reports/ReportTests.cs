using RnnLab.Analysis;
using System.Diagnostics;
using System.Text.Json;
using RnnLab.Analysis.Reports;
using RnnLab.Cli.Tests.Commands;
using RnnLab.Experiments;
using static RnnLab.Cli.Tests.CliRunner;

namespace RnnLab.Cli.Tests.Reports;

/// <summary>report.html end to end: written from a real run, opened in headless Chromium, every plot drawn.</summary>
[Collection(ConsoleCollection.Name)]
public sealed class ReportTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("rnnlab-report-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string TrainedRun(string name)
    {
        var config = Path.Combine(_dir, "tiny.json");
        File.WriteAllText(config, """
            { "Name": "tiny", "Seed": 4, "Model": { "Units": 12 }, "Task": { "Kind": "perception", "Steps": 30, "GraceSteps": 3 },
              "Training": { "Steps": 20, "BatchSize": 8, "EvaluateEvery": 5, "EvaluationBatchSize": 8, "CheckpointEvery": 10 } }
            """);
        var run = Path.Combine(_dir, name);
        var (code, _, error) = Run("train", config, "--out", run, "--seeds", "2", "--quiet");
        Assert.True(code == 0, error);
        return run;
    }

    [Fact]
    [Trait("Category", "Slow")]
    public void Report_OpensInHeadlessChromium_WithEveryPlotDrawn_AndNoConsoleError()
    {
        var run = TrainedRun("full");
        foreach (var snapshot in new[] { "init", "final" })
            Assert.Equal(0, Run("analyze", run, "--snapshot", snapshot, "--states", "32", "--max-iterations", "300").code);
        Assert.Equal(0, Run("compare", run).code);
        var (code, output, error) = Run("report", run);
        Assert.True(code == 0, error);
        var report = RunReport.PathIn(run);
        Assert.StartsWith($"wrote {report}", output);

        var screenshot = Path.Combine(RepositoryRoot(), "TestResults", "report-screenshot.png");
        Directory.CreateDirectory(Path.GetDirectoryName(screenshot)!);
        File.Delete(screenshot);
        var page = OpenInBrowser(report, screenshot);

        Assert.Empty(page.GetProperty("consoleErrors").EnumerateArray());
        Assert.Empty(page.GetProperty("pageErrors").EnumerateArray());
        Assert.Empty(page.GetProperty("reportErrors").EnumerateArray());
        Assert.Empty(page.GetProperty("failedRequests").EnumerateArray());
        Assert.Empty(page.GetProperty("missing").EnumerateArray());
        var plots = page.GetProperty("plots").EnumerateArray().ToList();
        Assert.Equal(page.GetProperty("declared").GetInt32(), plots.Count);
        // Hypotheses 1 (the forest plot, a row per deciding measure), training 2, performance 1, latent 3D 4 (PCA and
        // DCA, untrained and trained), weights 7 (spectrum, entries, |dW| / std, changed and eigenvalues moved during
        // training, mean weight, centrality), subspaces 3, predictive information 1.
        Assert.Equal(19, plots.Count);
        foreach (var plot in plots)
        {
            var title = plot.GetProperty("title").GetString();
            Assert.False(string.IsNullOrEmpty(title), "a plot has no title");
            Assert.True(plot.GetProperty("drawn").GetBoolean(), $"'{title}' was not drawn");
            Assert.True(plot.GetProperty("traces").GetInt32() > 0 && plot.GetProperty("points").GetInt32() > 0, $"'{title}' is empty");
            // Read from the drawn page: the title clears Plotly's toolbar (in the DOM while hidden until hover) and
            // stays inside its plot, whatever its length.
            var (drawnTitle, modebar, box) = (Box(plot, "titleBox"), Box(plot, "modebarBox"), Box(plot, "box"));
            Assert.False(drawnTitle.Intersects(modebar), $"'{title}' at {drawnTitle} runs under the modebar at {modebar}");
            Assert.True(drawnTitle.Left >= box.Left && drawnTitle.Right <= box.Right, $"'{title}' at {drawnTitle} overflows its plot at {box}");
        }
        Assert.True(new FileInfo(screenshot).Length > 20_000, "the screenshot is (nearly) blank");

        // The page and the artifact records must not drift apart: every snake_case name report.js reads is a
        // name in the data the report embeds, which RunReport builds from the records (ArtifactJson, AnalysisJson).
        PageScript.AssertReadsOnlyNamesOf("report.js", RunReport.Data(RunDirectory.Open(run)));
    }

    [Fact]
    public void Report_BeforeCompareAndAnalyze_SaysWhichCommandMakesEachMissingPart()
    {
        var run = TrainedRun("bare");
        var data = RunReport.Data(RunDirectory.Open(run), Snapshot.Final, RnnLab.Cli.Commands.ReportCommand.Hints(run, Snapshot.Final));
        Assert.Null(data["comparison"]);
        Assert.Equal($"Not computed yet: run './rnnlab compare {run}' for the weight statistics, subspaces and predictive information.", (string?)data["comparison_missing"]);
        Assert.Empty(data["latent"]!.AsArray());
        Assert.Equal(2, data["metrics"]!.AsArray().Count);
        Assert.Equal([0, 5, 10, 15, 20], data["metrics"]![0]!["step"]!.AsArray().Select(s => (int)(double)s!));
        Assert.Null(data["metrics"]![0]!["loss"]![0]);   // no training loss before the first step
    }

    [Fact]
    public void Report_OfTheLearnedSnapshot_ReadsAndNamesItsOwnFiles()
    {
        var run = TrainedRun("learned");
        var data = RunReport.Data(RunDirectory.Open(run), Snapshot.Learned, RnnLab.Cli.Commands.ReportCommand.Hints(run, Snapshot.Learned));
        Assert.Equal("learned", (string?)data["trained"]);
        Assert.Null(data["comparison"]);
        Assert.Equal($"Not computed yet: run './rnnlab compare {run} --snapshot learned' for the weight statistics, subspaces and predictive information.", (string?)data["comparison_missing"]);
        Assert.Equal(Path.Combine(run, "report.learned.html"), RunReport.PathIn(run, Snapshot.Learned));
        Assert.Equal(Path.Combine(run, "report.html"), RunReport.PathIn(run));
    }

    [Fact]
    public void Report_OfAMissingRun_FailsNamingIt_AndWritesNothing()
    {
        var missing = Path.Combine(_dir, "nowhere");
        var (code, _, error) = Run("report", missing);
        Assert.Equal(1, code);
        Assert.Equal($"rnnlab report: {missing}: no such run directory.", error.Trim());
        Assert.False(Directory.Exists(missing));
    }

    private readonly record struct Rect(double Left, double Top, double Right, double Bottom)
    {
        public bool Intersects(Rect o) => Left < o.Right && o.Left < Right && Top < o.Bottom && o.Top < Bottom;
    }

    private static Rect Box(JsonElement plot, string name)
    {
        var b = plot.GetProperty(name);
        Assert.True(b.ValueKind == JsonValueKind.Object, $"'{plot.GetProperty("title").GetString()}' has no {name} on the page");
        return new Rect(b.GetProperty("left").GetDouble(), b.GetProperty("top").GetDouble(), b.GetProperty("right").GetDouble(), b.GetProperty("bottom").GetDouble());
    }

    // web/check-report.mjs drives Debian's chromium through playwright-core (both installed by the launcher's test set-up).
    internal static JsonElement OpenInBrowser(string report, string screenshot)
    {
        var web = Path.Combine(RepositoryRoot(), "web");
        var info = new ProcessStartInfo("node") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = web };
        foreach (var a in new[] { Path.Combine(web, "check-report.mjs"), report, screenshot }) info.ArgumentList.Add(a);
        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        Assert.True(process.WaitForExit(120_000), "the browser check did not finish in 120 s");
        Assert.True(process.ExitCode == 0, $"node check-report.mjs failed: {stderr.Result}");
        return JsonDocument.Parse(stdout.Result).RootElement.Clone();
    }
}
