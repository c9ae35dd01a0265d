using System.Diagnostics;
using RnnLab.Slurm;

namespace RnnLab.Tests.Sweeps;

public sealed class SbatchScriptTests
{
    [Theory]
    [InlineData(new[] { 0, 1, 2, 3 }, "0-3")]
    [InlineData(new[] { 5, 0, 1, 3, 7, 8, 9 }, "0-1,3,5,7-9")]
    [InlineData(new[] { 4 }, "4")]
    public void ArrayListsRunsOfTasksAsRanges(int[] tasks, string expected) => Assert.Equal(expected, SbatchScript.ArrayList(tasks));

    [Fact]
    public void TheScriptCarriesTheSettingsAndExecsTheTaskCommand()
    {
        var script = SbatchScript.Text(new SlurmOptions { Partition = "gpu,main", TimeLimit = "1-02:00:00", CpusPerTask = 2, MemoryMB = 1500 },
            ["/opt/dotnet/dotnet", "/opt/rnnlab/RnnLab.Cli.dll", "worker", "slurm/it's.json"], "rnnlab-s");

        Assert.Contains("#SBATCH --requeue\n", script);
        Assert.Contains("#SBATCH --signal=B:TERM@60\n", script);
        Assert.Contains("#SBATCH --partition=gpu,main\n", script);
        Assert.Contains("#SBATCH --time=1-02:00:00\n", script);
        Assert.Contains("#SBATCH --cpus-per-task=2\n", script);
        Assert.Contains("#SBATCH --mem=1500\n", script);
        Assert.DoesNotContain("--account", script);   // unset: the cluster's default
        Assert.Contains("echo \"array task $SLURM_ARRAY_TASK_ID on", script);
        Assert.EndsWith("exec '/opt/dotnet/dotnet' '/opt/rnnlab/RnnLab.Cli.dll' 'worker' 'slurm/it'\\''s.json'\n", script);
    }

    [Fact]
    public void TheJobNameKeepsOnlyWhatAScriptLineMayHold()
    {
        Assert.Equal("rnnlab-s_002_x_rm_-rf", SbatchScript.JobName("s 002\nx;rm -rf"));
        Assert.Throws<ArgumentException>(() => SbatchScript.Text(new SlurmOptions(), ["rnnlab"], "bad\nname"));
    }

    [Theory]
    [InlineData("/plain/path")]
    [InlineData("/with space/and 'quotes'/$HOME/`id`/\"x\"")]
    [InlineData("new\nline; rm -rf /tmp/nothing")]
    public void AQuotedWordReachesTheProgramVerbatimThroughTheShell(string word)
    {
        var info = new ProcessStartInfo("bash") { RedirectStandardOutput = true };
        info.ArgumentList.Add("-c");
        info.ArgumentList.Add("printf %s " + ShellQuote.Of(word));
        using var bash = Process.Start(info)!;
        var output = bash.StandardOutput.ReadToEnd();
        bash.WaitForExit();

        Assert.Equal(0, bash.ExitCode);
        Assert.Equal(word, output);
    }
}
