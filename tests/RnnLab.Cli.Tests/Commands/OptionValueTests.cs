using static RnnLab.Cli.Tests.CliRunner;

namespace RnnLab.Cli.Tests.Commands;

/// <summary>
/// Values each option's type accepts but no verb can use (an empty path, a condition that is not a
/// number): refused with one usage line before anything is created.
/// </summary>
[Collection(ConsoleCollection.Name)]
public sealed class OptionValueTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("rnnlab-values-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string Config() => TinyConfig.Write(_dir);

    [Theory]
    [InlineData("train", "--out", "")]
    [InlineData("train", "--out", "   ")]
    [InlineData("train", "--init", "")]
    [InlineData("sweep", "--out", " ")]
    [InlineData("export", "--out", "")]
    public void PathOption_EmptyOrBlank_IsOneUsageLine_AndCreatesNothing(string verb, string option, string value)
    {
        var before = Directory.GetFileSystemEntries(Environment.CurrentDirectory).Length;
        string[] args = verb switch
        {
            "train" => ["train", Config(), option, value, .. option == "--init" ? new[] { "--out", Path.Combine(_dir, "run") } : []],
            "sweep" => ["sweep", Path.Combine(_dir, "sweep.json"), option, value],
            _ => ["export", Path.Combine(_dir, "run"), "--format", "pytorch", option, value],
        };
        var (code, output, error) = Run(args);
        Assert.Equal(2, code);
        Assert.Equal($"rnnlab {verb}: {option} takes a non-empty path, got '{value}'.", error.Trim());
        Assert.Equal("", output);
        Assert.False(Directory.Exists(Path.Combine(_dir, "run")));
        Assert.Equal(before, Directory.GetFileSystemEntries(Environment.CurrentDirectory).Length);
    }

    [Theory]
    [InlineData("train", "config")]
    [InlineData("resume", "run")]
    [InlineData("analyze", "run")]
    [InlineData("compare", "run")]
    [InlineData("report", "run")]
    [InlineData("export", "run")]
    [InlineData("sweep", "sweep")]
    [InlineData("sweep status", "dir")]
    public void PathArgument_Empty_IsOneUsageLine(string verb, string argument)
    {
        string[] extra = verb == "export" ? ["--format", "pytorch"] : [];
        var (code, _, error) = Run([.. verb.Split(' '), "", .. extra]);
        Assert.Equal(2, code);
        Assert.Equal($"rnnlab {verb}: <{argument}> takes a non-empty path, got ''.", error.Trim());
    }

    [Theory]
    [InlineData("NaN")]
    [InlineData("0.5;Infinity")]
    [InlineData("-Infinity")]
    [InlineData("1e999")]
    public void Analyze_ConditionThatIsNotFinite_IsOneUsageLine_AndAnalyzesNothing(string conditions)
    {
        var run = Path.Combine(_dir, "run");
        Assert.Equal(0, Run("train", Config(), "--out", run, "--quiet").code);
        var (code, _, error) = Run("analyze", run, "--conditions", conditions, "--quiet");
        Assert.Equal(2, code);
        var value = conditions.Split(';')[^1];
        Assert.Equal($"rnnlab analyze: --conditions: '{value}' is not a finite number; allowed: finite numbers separated by ',' within a condition and ';' between conditions.", error.Trim());
        Assert.False(Directory.Exists(Path.Combine(run, "analysis")));
    }
}
