using RnnLab.Cli;
using static RnnLab.Cli.Tests.CliRunner;
using TorchSharp;
using static TorchSharp.torch;

namespace RnnLab.Cli.Tests.Commands;

[CollectionDefinition(Name, DisableParallelization = true)]
public class ConsoleCollection
{
    public const string Name = "Console (not parallel: redirects standard output)";
}

/// <summary>The rnnlab command end to end, in process: exit codes, messages, and what is (not) written.</summary>
[Collection(ConsoleCollection.Name)]
public sealed class CommandLineTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("rnnlab-cli-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string Config(string units = "8", string steps = "6")
    {
        var path = Path.Combine(_dir, "tiny.json");
        File.WriteAllText(path, $$"""
            { "Name": "tiny", "Seed": 2, "Model": { "Units": {{units}} }, "Task": { "Kind": "perception", "Steps": 20, "GraceSteps": 2 },
              "Training": { "Steps": {{steps}}, "BatchSize": 4, "EvaluateEvery": 3, "EvaluationBatchSize": 8, "CheckpointEvery": 3 } }
            """);
        return path;
    }

    [Fact]
    public void Train_WritesARunDirectory_AndResumeFindsItFinished()
    {
        var run = Path.Combine(_dir, "run");
        var (code, output, error) = Run("train", Config(), "--out", run, "--quiet");
        Assert.True(code == 0, error);
        Assert.Contains("tiny: finished at step 6", output);
        foreach (var file in new[] { "config.json", "run.json", "metrics.jsonl", "init/model.safetensors", "final/model.safetensors", "checkpoints/step-00000006.safetensors" })
            Assert.True(File.Exists(Path.Combine(run, file)), file);
        Assert.Equal(3, File.ReadAllLines(Path.Combine(run, "metrics.jsonl")).Length);   // steps 0, 3 and 6

        var (again, resumed, _) = Run("resume", run);
        Assert.Equal(0, again);
        Assert.Contains("already finished", resumed);
    }

    [Fact]
    public void Analyze_WritesFixedPointsAndPca_ForEverySeedAndSnapshot()
    {
        var run = Path.Combine(_dir, "analyzed");
        Assert.Equal(0, Run("train", Config(steps: "3"), "--out", run, "--seeds", "2", "--quiet").code);
        var (code, output, error) = Run("analyze", run, "--states", "32", "--max-iterations", "200", "--conditions", "0.5;0.8");
        Assert.True(code == 0, error);
        Assert.Contains("fixed: stable", output);
        // The untrained snapshot with one process per network: each child gets the same options.
        string[] initOptions = ["--snapshot", "init", "--states", "32", "--max-iterations", "200", "--kernel", "autograd"];
        var (jobsCode, jobsOutput, jobsError) = Run(["analyze", run, .. initOptions, "--jobs", "2"]);
        Assert.True(jobsCode == 0, jobsError);
        Assert.Single(jobsOutput.Split('\n'), l => l.Contains("fixed: stable"));
        foreach (var seed in new[] { "seed-0", "seed-1" }) Assert.Contains(Path.Combine(run, seed, "analysis", "pca.init.json"), jobsOutput);
        var initFile = Path.Combine(run, "seed-1", "analysis", "fixed_points.init.json");
        var fromChild = RnnLab.Analysis.AnalysisWriter.ReadFixedPoints(initFile);
        Assert.Equal(0, Run(["analyze", run, .. initOptions, "--network", "1"]).code);
        var inProcess = RnnLab.Analysis.AnalysisWriter.ReadFixedPoints(initFile);
        Assert.Equal(inProcess.Points.Length, fromChild.Points.Length);
        Assert.Equal(inProcess.Points.Select(p => p.Q), fromChild.Points.Select(p => p.Q));
        Assert.Equal(inProcess.Searches.Select(s => s.Iterations), fromChild.Searches.Select(s => s.Iterations));
        // A bad condition is said once, before any network's process starts.
        var (badConditions, _, conditionsMessage) = Run("analyze", run, "--jobs", "2", "--conditions", "0.5;x");
        Assert.Equal(2, badConditions);
        Assert.Single(conditionsMessage.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("rnnlab analyze: ", conditionsMessage);
        var (badNetwork, _, networkMessage) = Run("analyze", run, "--network", "2");
        Assert.Equal(2, badNetwork);
        Assert.Equal("rnnlab analyze: --network takes the index of a network of this multi-seed run, 0 to 1, got '2'.", networkMessage.Trim());
        foreach (var seed in new[] { "seed-0", "seed-1" })
            foreach (var file in new[] { "fixed_points.json", "pca.json", "fixed_points.init.json", "pca.init.json" })
                Assert.True(File.Exists(Path.Combine(run, seed, "analysis", file)), $"{seed}/{file}");
        using var json = System.Text.Json.JsonDocument.Parse(File.ReadAllText(Path.Combine(run, "seed-0", "analysis", "fixed_points.json")));
        Assert.Equal(2, json.RootElement.GetProperty("conditions").GetArrayLength());
        foreach (var search in json.RootElement.GetProperty("searches").EnumerateArray())
            Assert.InRange(search.GetProperty("minimization_seconds").GetDouble(), 0, search.GetProperty("seconds").GetDouble());
        foreach (var point in json.RootElement.GetProperty("points").EnumerateArray())
            foreach (var key in new[] { "x", "u", "q", "speed", "eigenvalues", "map_eigenvalues", "stability", "unstable_dims", "condition" })
                Assert.True(point.TryGetProperty(key, out _), key);

        var (bad, _, message) = Run("analyze", run, "--snapshot", "middle");
        Assert.Equal(2, bad);
        Assert.Equal("rnnlab analyze: --snapshot 'middle' is not allowed; allowed: init, final, learned.", message.Trim());
        var (badKernel, _, kernelMessage) = Run("analyze", run, "--kernel", "fast");
        Assert.Equal(2, badKernel);
        Assert.Equal("rnnlab analyze: --kernel 'fast' is not allowed; allowed: fused, autograd.", kernelMessage.Trim());
    }

    [Fact]
    public void Analyze_SearchesAsTheRunsFixedPointsSectionSays_WithOverridesOfThatSectionOnly()
    {
        var config = Path.Combine(_dir, "boxed.json");
        File.WriteAllText(config, File.ReadAllText(Config()).TrimEnd().TrimEnd('}') + """, "FixedPoints": { "Starts": "box", "Box": [0, 1], "InitialStates": 16 } }""");
        var run = Path.Combine(_dir, "boxed");
        Assert.Equal(0, Run("train", config, "--out", run, "--quiet").code);
        var (code, _, error) = Run("analyze", run, "--conditions", "0.5", "--FixedPoints:MaxIterations=120", "--max-iterations", "100");
        Assert.True(code == 0, error);
        var file = RnnLab.Analysis.AnalysisWriter.ReadFixedPoints(Path.Combine(run, "analysis", "fixed_points.json"));
        // The run's section, then the --FixedPoints override, then the shorthand, which wins.
        Assert.Equal(RnnLab.Experiments.FixedPointStarts.Box, file.Search!.Starts);
        Assert.Equal([0.0, 1.0], file.Search.Box);
        Assert.Equal(16, file.Search.InitialStates);
        Assert.Equal(100, file.Search.MaxIterations);
        var search = Assert.Single(file.Searches);
        Assert.Equal(16, search.Ends.Converged + search.Ends.Stalled + search.Ends.Capped + search.Ends.Diverged);
        Assert.InRange(search.Iterations, 1, 100);

        // Another section, a bad value, a starts file of the wrong shape: one line each, exit 2, nothing written.
        File.Delete(Path.Combine(run, "analysis", "fixed_points.json"));
        var (other, _, otherMessage) = Run("analyze", run, "--Model:Units=3");
        Assert.Equal(2, other);
        Assert.Equal("rnnlab analyze: '--Model:Units=3': analyze takes only the FixedPoints section (--FixedPoints:Key=value); the network's Model, Task and Training are the run's.", otherMessage.Trim());
        var (badValue, _, valueMessage) = Run("analyze", run, "--FixedPoints:NewtonSteps=0");
        Assert.Equal(2, badValue);
        Assert.Equal(["rnnlab analyze: command line: FixedPoints:NewtonSteps = 0 is out of range; allowed: an integer of at least 1.", "rnnlab analyze: nothing was analysed."],
            valueMessage.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        var starts = Path.Combine(_dir, "starts.safetensors");
        RnnLab.Safetensors.SafetensorsFile.Save(starts, new Dictionary<string, Tensor> { ["states"] = ones([4, 5]) });
        var (badFile, _, fileMessage) = Run("analyze", run, "--FixedPoints:Starts=file", $"--FixedPoints:StartsFile={starts}", "--FixedPoints:Box=");
        Assert.Equal(2, badFile);
        Assert.StartsWith($"rnnlab analyze: FixedPoints:StartsFile = \"{starts}\" holds an array of shape [4, 5]; allowed: [K, 8]", fileMessage.Trim());
        Assert.False(File.Exists(Path.Combine(run, "analysis", "fixed_points.json")));

        // The right shape: every row starts the search, for every condition.
        RnnLab.Safetensors.SafetensorsFile.Save(starts, new Dictionary<string, Tensor> { ["states"] = rand([6, 8], float64) });
        var (fromFile, _, fromFileError) = Run("analyze", run, "--conditions", "0.5", "--FixedPoints:Starts=file", $"--FixedPoints:StartsFile={starts}", "--FixedPoints:Box=");
        Assert.True(fromFile == 0, fromFileError);
        var given = Assert.Single(RnnLab.Analysis.AnalysisWriter.ReadFixedPoints(Path.Combine(run, "analysis", "fixed_points.json")).Searches);
        Assert.Equal(6, given.Ends.Converged + given.Ends.Stalled + given.Ends.Capped + given.Ends.Diverged);
    }

    [Fact]
    public void Compare_AggregatesEverySeed_AndCountsFixedPointsOnceBothSnapshotsAreAnalyzed()
    {
        var run = Path.Combine(_dir, "compared");
        Assert.Equal(0, Run("train", Config(steps: "6"), "--out", run, "--seeds", "3", "--quiet").code);
        var (first, before, _) = Run("compare", run);
        Assert.Equal(0, first);
        Assert.Contains("stable fixed points                  not computed: needs the fixed points of both the init and the final snapshot", before);

        foreach (var snapshot in new[] { "init", "final" })
            Assert.Equal(0, Run("analyze", run, "--snapshot", snapshot, "--states", "32", "--max-iterations", "200").code);
        var (code, output, error) = Run("compare", run);
        Assert.True(code == 0, error);
        Assert.Contains("3 network(s)", output);
        Assert.Equal(3, output.Split('\n').Count(l => l.StartsWith("compared ", StringComparison.Ordinal)));   // one progress line per network
        Assert.Contains($"compared {Path.Combine(run, "seed-2")} (3/3, ", output);
        var comparisonFile = Path.Combine(run, "analysis", "comparison.json");
        // The file round-trips through its record (RnnLab.Analysis.Artifacts.ComparisonFile).
        Assert.Equal(File.ReadAllText(comparisonFile).Trim(), System.Text.Json.JsonSerializer.Serialize(
            RnnLab.Analysis.WeightComparison.RunComparison.Read(comparisonFile), RnnLab.Analysis.Artifacts.AnalysisJson.Default.ComparisonFile));
        using var json = System.Text.Json.JsonDocument.Parse(File.ReadAllText(comparisonFile));
        var statistics = json.RootElement.GetProperty("statistics").EnumerateArray().ToDictionary(s => s.GetProperty("name").GetString()!);
        var mean = statistics["mean weight"];
        Assert.Equal(3, mean.GetProperty("final").GetProperty("n").GetInt32());
        Assert.Equal(3, mean.GetProperty("per_network").GetArrayLength());
        Assert.Equal(System.Text.Json.JsonValueKind.Null, statistics["stable fixed points"].GetProperty("unavailable").ValueKind);
        Assert.Equal(3, statistics["stable fixed points"].GetProperty("final").GetProperty("n").GetInt32());
        foreach (var method in new[] { "PCA", "DCA" })
        {
            // Across seeds the run reports the mean of what each network gave.
            foreach (var (name, snapshot) in new[] { ($"{method} subspace turn, mean angle (deg)", "final"), ($"readout to {method} subspace, all trials pooled (deg)", "init"), ($"readout to {method} subspace within a condition (deg)", "final") })
            {
                var perNetwork = statistics[name].GetProperty("per_network").EnumerateArray().Select(p => p.GetProperty(snapshot).GetDouble()).ToList();
                Assert.Equal(3, perNetwork.Count);
                Assert.Equal(perNetwork.Average(), statistics[name].GetProperty(snapshot).GetProperty("mean").GetDouble(), 12);
            }
            Assert.Equal(3, statistics[$"{method} condition subspaces, mean angle (deg)"].GetProperty("final").GetProperty("n").GetInt32());
        }
        Assert.True(statistics["max PI at theta = 0 (nats)"].GetProperty("init").GetProperty("mean").GetDouble() > 0);
        // Each network's results by measure id, every registered measure in registry order.
        var networks = json.RootElement.GetProperty("networks").EnumerateArray().ToList();
        Assert.Equal(["seed-0", "seed-1", "seed-2"], networks.Select(n => Path.GetFileName(n.GetProperty("network").GetString())));
        Assert.All(networks, n => Assert.Equal(RnnLab.Analysis.WeightComparison.ComparisonMeasures.All.Select(m => m.Id),
            n.GetProperty("measures").EnumerateObject().Select(p => p.Name)));
        var measures = networks[1].GetProperty("measures");
        Assert.Equal(5, measures.GetProperty("information_sweep").GetProperty("angles").GetArrayLength());
        Assert.Equal(7, measures.GetProperty("performance").GetProperty("x").GetArrayLength());
        // Checkpoints every 3 steps: the mean weight at steps 0, 3 and 6.
        var checkpoints = measures.GetProperty("checkpoint_growth").GetProperty("checkpoints").EnumerateArray().ToList();
        Assert.Equal([0, 3, 6], checkpoints.Select(c => c.GetProperty("step").GetInt32()));
        // The table's row is the network's own result: seed-1's trained mean weight, and its last checkpoint's (step 6 is final).
        var meanWeight = mean.GetProperty("per_network")[1].GetProperty("final").GetDouble();
        Assert.Equal(meanWeight, measures.GetProperty("weight_change").GetProperty("after").GetProperty("mean").GetDouble());
        Assert.Equal(meanWeight, checkpoints[2].GetProperty("mean_weight").GetDouble(), 12);
    }

    [Fact]
    public void Train_WithSeeds_TrainsEachNetworkIntoItsOwnFolder()
    {
        var run = Path.Combine(_dir, "seeds");
        var (code, output, error) = Run("train", Config(steps: "3"), "--out", run, "--seeds", "2", "--ensemble", "--quiet");
        Assert.True(code == 0, error);
        Assert.Contains("tiny seeds 0-1: trained together", output);
        var first = File.ReadAllBytes(Path.Combine(run, "seed-0", "init", "model.safetensors"));
        var second = File.ReadAllBytes(Path.Combine(run, "seed-1", "init", "model.safetensors"));
        Assert.NotEqual(first, second);
        Assert.True(File.Exists(Path.Combine(run, "seed-1", "final", "model.safetensors")));
    }

    [Fact]
    public void Resume_OfAnEnsemble_ContinuesAsAnEnsemble_AndEndsBitwiseWhereAnUninterruptedOneEnds()
    {
        var straight = Path.Combine(_dir, "ensemble-straight");
        var cut = Path.Combine(_dir, "ensemble-cut");
        Assert.Equal(0, Run("train", Config(), "--out", straight, "--seeds", "2", "--ensemble", "--quiet").code);
        Assert.Equal(0, Run("train", Config(), "--out", cut, "--seeds", "2", "--ensemble", "--quiet").code);
        Assert.Contains("\"mode\":\"ensemble\"", File.ReadAllText(Path.Combine(cut, "run.json")));
        for (var k = 0; k < 2; k++)
        {
            Directory.Delete(Path.Combine(cut, $"seed-{k}", "final"), recursive: true);
            File.Delete(Path.Combine(cut, $"seed-{k}", "checkpoints", "step-00000006.safetensors"));
        }
        var (code, output, error) = Run("resume", cut, "--quiet");
        Assert.True(code == 0, error);
        Assert.Contains("tiny seeds 0-1: trained together", output);
        for (var k = 0; k < 2; k++)
        {
            var file = Path.Combine($"seed-{k}", "final", "model.safetensors");
            Assert.Equal(File.ReadAllBytes(Path.Combine(straight, file)), File.ReadAllBytes(Path.Combine(cut, file)));
        }
    }

    [Fact]
    public void Resume_OfSeparatelyTrainedSeeds_StaysSeparate_AndEndsBitwiseWhereAnUninterruptedRunEnds()
    {
        var straight = Path.Combine(_dir, "straight");
        var cut = Path.Combine(_dir, "cut");
        Assert.Equal(0, Run("train", Config(), "--out", straight, "--seeds", "2", "--jobs", "1", "--quiet").code);
        Assert.Equal(0, Run("train", Config(), "--out", cut, "--seeds", "2", "--jobs", "1", "--quiet").code);
        Assert.Contains("\"mode\":\"separate\"", File.ReadAllText(Path.Combine(cut, "run.json")));
        // Both networks back at their step-3 checkpoints, as an interrupted ensemble's would be: the case
        // that used to resume as an ensemble.
        for (var k = 0; k < 2; k++)
        {
            Directory.Delete(Path.Combine(cut, $"seed-{k}", "final"), recursive: true);
            File.Delete(Path.Combine(cut, $"seed-{k}", "checkpoints", "step-00000006.safetensors"));
        }
        var (code, output, error) = Run("resume", cut, "--jobs", "1", "--quiet");
        Assert.True(code == 0, error);
        Assert.DoesNotContain("trained together", output);
        Assert.Contains("tiny seed-1: finished at step 6", output);
        for (var k = 0; k < 2; k++)
        {
            var file = Path.Combine($"seed-{k}", "final", "model.safetensors");
            Assert.Equal(File.ReadAllBytes(Path.Combine(straight, file)), File.ReadAllBytes(Path.Combine(cut, file)));
        }
    }

    [Fact]
    public void Resume_OfARunWithAnUnknownMode_SaysSoInOneLine_AndTrainsNothing()
    {
        var run = Path.Combine(_dir, "moded");
        Assert.Equal(0, Run("train", Config(), "--out", run, "--seeds", "2", "--quiet").code);
        var runFile = Path.Combine(run, "run.json");
        File.WriteAllText(runFile, File.ReadAllText(runFile).Replace("\"separate\"", "\"together\""));
        var before = File.ReadAllBytes(Path.Combine(run, "seed-0", "final", "model.safetensors"));
        var (code, _, error) = Run("resume", run);
        Assert.NotEqual(0, code);
        Assert.Equal($"rnnlab resume: {runFile}: key 'mode' is 'together'; allowed: separate, ensemble.", error.Trim());
        Assert.Equal(before, File.ReadAllBytes(Path.Combine(run, "seed-0", "final", "model.safetensors")));
    }

    [Fact]
    public void Train_WithSeeds_EndsEachNetworkTheSame_WhateverHowManyTrainAtOnce()
    {
        var together = Path.Combine(_dir, "jobs2");
        var alone = Path.Combine(_dir, "jobs1");
        var (code, output, error) = Run("train", Config(steps: "9"), "--out", together, "--seeds", "3", "--jobs", "2", "--quiet");
        Assert.True(code == 0, error);
        Assert.Contains("tiny seed-2: finished at step 9", output);
        Assert.Equal(0, Run("train", Config(steps: "9"), "--out", alone, "--seeds", "3", "--jobs", "1", "--quiet").code);
        for (var k = 0; k < 3; k++)
        {
            var file = Path.Combine($"seed-{k}", "final", "model.safetensors");
            Assert.Equal(File.ReadAllBytes(Path.Combine(alone, file)), File.ReadAllBytes(Path.Combine(together, file)));
        }
    }

    [Fact]
    public void Train_RefusesJobsWithoutSeeds()
    {
        var (code, _, error) = Run("train", Config(), "--out", Path.Combine(_dir, "nojobs"), "--jobs", "2");
        Assert.Equal(2, code);
        Assert.Equal("rnnlab train: --jobs applies to --seeds K runs, whose networks train at once in processes of their own; allowed: --jobs with --seeds, without --ensemble.", error.Trim());
        Assert.False(Directory.Exists(Path.Combine(_dir, "nojobs")));
    }

    [Fact]
    public void Train_RefusesAnExistingRunDirectory_AndLeavesItAlone()
    {
        var run = Path.Combine(_dir, "existing");
        Directory.CreateDirectory(run);
        File.WriteAllText(Path.Combine(run, "precious.txt"), "keep me");
        var (code, _, error) = Run("train", Config(), "--out", run);
        Assert.Equal(1, code);
        Assert.Equal($"rnnlab train: run directory {run} already exists; choose another with --out DIR, continue it with './rnnlab resume {run}', or pass --force to replace it.", error.Trim());
        Assert.Equal("keep me", File.ReadAllText(Path.Combine(run, "precious.txt")));
        Assert.Single(Directory.GetFileSystemEntries(run));
    }

    [Fact]
    public void Train_WithABadConfig_ExitsNonZero_AndTrainsNothing()
    {
        var run = Path.Combine(_dir, "bad");
        var (code, _, error) = Run("train", Config(units: "\"lots\""), "--out", run, "--Model:Dt=500");
        Assert.Equal(2, code);
        var lines = error.Trim().Split('\n');
        Assert.Equal([
            $"rnnlab train: {_dir}/tiny.json: Model:Units = \"lots\" is not an integer; allowed: an integer from 1 to 100000.",
            "rnnlab train: command line: Model:Dt = 500 with Tau = 100 gives alpha = Dt/Tau = 5; allowed: alpha in (0, 1], that is 0 < Dt <= Tau.",
            "rnnlab train: nothing was trained.",
        ], lines);
        Assert.False(Directory.Exists(run));
    }

    [Fact]
    public void Resume_OfSomethingThatIsNoRun_SaysSo()
    {
        var (code, _, error) = Run("resume", _dir);
        Assert.Equal(1, code);
        Assert.Equal($"rnnlab resume: {_dir}: not a run directory (it has no config.json).", error.Trim());
    }

    [Fact]
    public void UnknownVerbAndOption_ExitWithUsageErrors()
    {
        var (code, _, error) = Run("trian", Config());
        Assert.Equal(2, code);
        Assert.Equal("rnnlab: unknown verb 'trian'; did you mean 'train'? Verbs: train, resume, analyze, compare, similarity, export, report, info, sweep, study, bench, test.", error.Trim());
        (code, _, error) = Run("train", Config(), "--fast");
        Assert.Equal(2, code);
        Assert.Equal("rnnlab train: unknown option '--fast'; see './rnnlab train --help' (config keys are set as --Section:Key=value).", error.Trim());
    }

    [Fact]
    public void AnOptionWithoutItsValue_IsNamedInOneLine()
    {
        var (code, output, error) = Run("train", Config(), "--out");
        Assert.Equal(2, code);
        Assert.Equal("rnnlab train: Required argument missing for option: '--out'.", error.Trim());
        Assert.Equal("", output);
        (code, _, error) = Run("train", Config(), "--seeds", "0");
        Assert.Equal(2, code);
        Assert.Equal("rnnlab train: --seeds takes an integer from 1 to 10000, got '0'.", error.Trim());
    }

    [Theory]
    [InlineData("train", "<config>")]
    [InlineData("resume", "<run>")]
    [InlineData("analyze", "--snapshot")]
    [InlineData("compare", "<run>")]
    [InlineData("export", "--format")]
    [InlineData("report", "<run>")]
    [InlineData("info", "rnnlab info")]
    [InlineData("sweep", "--executor")]
    [InlineData("sweep status", "status <dir>")]
    public void EveryVerb_HasHelp(string verb, string mentions)
    {
        var (code, output, _) = Run([.. verb.Split(' '), "--help"]);
        Assert.Equal(0, code);
        Assert.Contains($"rnnlab {verb.Split(' ')[0]}", output);
        Assert.Contains(mentions, output);
    }
}
