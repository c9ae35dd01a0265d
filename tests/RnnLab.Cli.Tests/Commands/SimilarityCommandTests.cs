using System.Text.Json;
using RnnLab.Analysis.Artifacts;
using RnnLab.Analysis.CrossNetwork;
using RnnLab.Cli.Tests.Reports;
using static RnnLab.Cli.Tests.CliRunner;

namespace RnnLab.Cli.Tests.Commands;

/// <summary>`rnnlab similarity` end to end on trained runs: the file, the page in headless Chromium, and the one-line refusals.</summary>
[Collection(ConsoleCollection.Name)]
public sealed class SimilarityCommandTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("rnnlab-similarity-cli-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string Trained(string name)
    {
        var run = Path.Combine(_dir, name);
        var (code, _, error) = Run("train", TinyConfig.Write(_dir), "--out", run, "--seeds", "2", "--quiet");
        Assert.True(code == 0, error);
        return run;
    }

    [Fact]
    [Trait("Category", "Slow")]
    public void Similarity_WritesItsFile_AndAPageThatDrawsTheMatrixAndTheMap()
    {
        var (a, b) = (Trained("a"), Trained("b"));
        var (code, output, error) = Run("similarity", a, b, "--metric", "procrustes", "--trials", "8");
        Assert.True(code == 0, error);
        var folder = Path.Combine(_dir, "similarity-procrustes");
        var file = SimilarityAnalysis.Read(Path.Combine(folder, "similarity.json"));
        Assert.Equal(4, file.Networks.Length);
        Assert.Equal([a, a, b, b], file.Networks.Select(n => n.Run));
        Assert.Contains("by run (2 groups): within", output);
        Assert.Contains("by task: one task only", output);
        Assert.Contains($"wrote {Path.Combine(folder, "similarity.html")}", output);

        var page = ReportTests.OpenInBrowser(Path.Combine(folder, "similarity.html"), Path.Combine(_dir, "similarity.png"));
        Assert.Empty(page.GetProperty("consoleErrors").EnumerateArray());
        Assert.Empty(page.GetProperty("pageErrors").EnumerateArray());
        Assert.Empty(page.GetProperty("reportErrors").EnumerateArray());
        var plots = page.GetProperty("plots").EnumerateArray().ToList();
        Assert.Equal(2, plots.Count);
        Assert.Equal(2, page.GetProperty("declared").GetInt32());
        Assert.All(plots, p => Assert.True(p.GetProperty("drawn").GetBoolean() && p.GetProperty("points").GetInt32() > 0, p.GetProperty("title").GetString()));

        // Every snake_case name the page reads is a name of the similarity.json record.
        PageScript.AssertReadsOnlyNamesOf("similarity.js", JsonSerializer.SerializeToNode(file, AnalysisJson.Default.SimilarityFile)!);
    }

    [Fact]
    public void Similarity_IntoTheFolderOfAnotherComparison_RefusesInOneLine_AndKeepsThatFile()
    {
        var (a, b) = (Trained("a"), Trained("b"));
        var folder = Path.Combine(_dir, "out");
        Assert.Equal(0, Run("similarity", a, b, "--metric", "cka", "--trials", "4", "--out", folder).code);
        var path = Path.Combine(folder, "similarity.json");
        var before = File.ReadAllText(path);

        var (code, _, error) = Run("similarity", a, "--metric", "cka", "--trials", "4", "--out", folder);
        Assert.Equal(1, code);
        Assert.Equal($"rnnlab similarity: {path} holds the similarity of other networks or options; choose another --out DIR, or move {path} away.", error.Trim());
        Assert.Equal(before, File.ReadAllText(path));
        // The same comparison again is allowed, and gives the same file.
        Assert.Equal(0, Run("similarity", a, b, "--metric", "cka", "--trials", "4", "--out", folder).code);
        Assert.Equal(before, File.ReadAllText(path));
    }

    [Theory]
    [InlineData("twice")]
    [InlineData("metric")]
    [InlineData("delays")]
    public void Similarity_RefusesABadCommandLineInOneLine(string what)
    {
        var a = Trained("a");
        var (args, expected) = what switch
        {
            "twice" => (new[] { a, a }, $"rnnlab similarity: the run {a} is given twice; give each run once."),
            "metric" => (new[] { a, "--metric", "svcca" }, "rnnlab similarity: --metric 'svcca' is not allowed; allowed: dsa, procrustes, cca, cka."),
            _ => (new[] { a, "--delays", "20" }, "rnnlab similarity: --delays 20 every --interval 1 leave 1 step(s) of a 20-step trial; DSA needs at least 2."),
        };
        var (code, _, error) = Run(["similarity", .. args]);
        Assert.Equal(2, code);
        Assert.Equal(expected, error.Trim());
        Assert.False(Directory.Exists(Path.Combine(_dir, "similarity-dsa")));
    }
}
