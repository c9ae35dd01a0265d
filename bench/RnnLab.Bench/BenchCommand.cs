using System.CommandLine;
using System.Globalization;
using RnnLab.Cli.Commands;
using RnnLab.Cli.Diagnostics;
using RnnLab.Models;
using TorchSharp;
using static TorchSharp.torch;

namespace RnnLab.Bench;

/// <summary>
/// `rnnlab bench`: TorchSharp's costs (per-op call overhead, matmul throughput) and the noise kernels' speed on
/// each SIMD path (<see cref="PhiloxMicro"/>), then every scenario side
/// by side in one invocation: RnnLab, plain TorchSharp (the obvious C# implementation on the same
/// libtorch, <see cref="PlainTorchSharp"/>) and PyTorch (bench/pytorch_reference.py with Debian's
/// python3-torch, when present). Each baseline runs in a process of its own with its library's default
/// threading, as its users run it; RnnLab runs under its own threading choice. Medians of repeated runs
/// after warm-up, the ratios, the speed targets, and the floor (noise draw plus matrix products) that
/// bounds what any implementation could reach here. Printed, never asserted.
/// </summary>
public static class BenchCommand
{
    /// <summary>The bench as a command: its options and its action.</summary>
    public static Command Build()
    {
        var repeats = CliOptions.Positive("--repeats", 5, "timed runs per scenario, median reported");
        var steps = CliOptions.Positive("--steps", 10, "training steps per timed run");
        var scenarioNames = BenchScenario.All.Select(s => s.Name).ToArray();
        var scenarios = new Option<string>("--scenarios") { Description = $"which scenarios, comma-separated ({string.Join(", ", scenarioNames)})", DefaultValueFactory = _ => string.Join(",", scenarioNames) };
        scenarios.Validators.Add(result =>
        {
            var unknown = Names(result.GetValueOrDefault<string>()).FirstOrDefault(n => !scenarioNames.Contains(n));
            if (unknown is not null) result.AddError($"unknown scenario '{unknown}'; allowed: {string.Join(", ", scenarioNames)}.");
        });
        var micro = CliOptions.Flag("--micro", "only the micro-benchmarks: TorchSharp's costs and the noise kernels per SIMD path");
        var noReference = CliOptions.Flag("--no-reference", "skip the PyTorch column");
        var noTorchSharp = CliOptions.Flag("--no-torchsharp", "skip the plain-TorchSharp column");
        var autograd = CliOptions.Flag("--autograd", "also time RnnLab's op-by-op autograd loop (what the fused loop is tested against)");
        var similarity = CliOptions.Flag("--similarity", "only the cost of DSA across 30 networks (fitting each once, matching the 435 pairs)");
        var command = new Command("bench", "benchmarks: RnnLab vs plain TorchSharp vs PyTorch on training steps and fixed points")
        {
            repeats, steps, scenarios, micro, noReference, noTorchSharp, autograd, similarity,
        };
        command.SetAction(parse => parse.GetValue(similarity) ? Similarity() : Run(parse.GetValue(repeats), parse.GetValue(steps), Names(parse.GetValue(scenarios)!), parse.GetValue(micro),
            !parse.GetValue(noReference), !parse.GetValue(noTorchSharp), parse.GetValue(autograd)));
        return command;
    }

    private static int Similarity()
    {
        Console.WriteLine(RuntimeReport.VersionLine());
        SimilarityBench.Print();
        return 0;
    }

    private static List<string> Names(string text) => text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList();

    private static int Run(int repeats, int steps, List<string> scenarios, bool microOnly, bool reference, bool torchSharp, bool autograd)
    {
        Console.WriteLine(RuntimeReport.VersionLine());
        Console.WriteLine($"RnnLab: libtorch ops on one thread per caller (RnnLabRuntime), fused lanes and tiles on {Environment.ProcessorCount} cores, one MKL thread each; baselines: their libraries' default threading; medians of {repeats} runs after warm-up");
        Console.WriteLine();
        var sgemm = Micro(repeats);
        if (microOnly) return 0;

        var script = Path.Combine(AppContext.BaseDirectory, "pytorch_reference.py");
        var why = reference ? PyTorchReference.Unavailable(script) : "--no-reference";
        Console.WriteLine(why is null ? $"PyTorch: {script}" : $"PyTorch: not run: {why}");
        Console.WriteLine(torchSharp ? $"TorchSharp: 'rnnlab {PlainTorchSharp.Verb}', a process of its own" : "TorchSharp: not run: --no-torchsharp");
        Console.WriteLine("each scenario's baselines run just before RnnLab's, so all three see the machine in the same state");

        Console.WriteLine();
        Console.WriteLine($"{"scenario",-46} {"RnnLab",10} {"TorchSharp",11} {"PyTorch",10} {"vs TS",7} {"vs PT",7} {"GFLOP/s",8} {"of GEMM",8} {"RSS MiB",8} {"TS RSS",7} {"PT RSS",7}");
        var floors = new List<string>();
        var ratios = new Dictionary<(string, string), double>();
        var floorBounds = new Dictionary<(string, string), double>();
        var versions = new List<string>();
        foreach (var s in BenchScenario.All.Where(s => scenarios.Contains(s.Name)))
        {
            BenchResult? plain = null, other = null;
            if (torchSharp)
            {
                var info = RnnLab.Cli.Hosting.SelfProcess.StartInfo([PlainTorchSharp.Verb, "--repeats", Text(repeats), "--steps-per-run", Text(steps), "--scenarios", s.Name]);
                info.Environment["DOTNET_TieredCompilation"] = "1";   // .NET's default, as a TorchSharp program has it (rnnlab turns it off)
                var results = BaselineProcess.Run(info, "the plain-TorchSharp baseline");
                plain = results.Results.GetValueOrDefault(s.Name);
                versions.Add(results.Version);
            }
            if (why is null)
            {
                var results = PyTorchReference.Run(script, repeats, steps, [s.Name]);
                other = results.Results.GetValueOrDefault(s.Name);
                versions.Add(results.Version);
            }
            BenchResult ours;
            if (s.FixedPointSearch)
            {
                (ours, var searches) = RnnLabScenarios.FixedPoints(s, repeats);
                Console.WriteLine(Row(s, ours, plain, other, sgemm, $"{s.Name} {s.Description}"));
                foreach (var (label, search, fixedWork) in searches) Console.WriteLine(Row(s, search, null, null, sgemm, $"{s.Name} (RnnLab: {label})", fixedWork));
            }
            else
            {
                ours = RnnLabScenarios.Run(s, TimeLoop.Fused, repeats, steps);
                Console.WriteLine(Row(s, ours, plain, other, sgemm, $"{s.Name} {s.Description}"));
                if (s.Networks > 1)
                    Console.WriteLine(Row(s, RnnLabScenarios.Concurrent(s, repeats, Math.Max(2, steps / 3)), plain, other, sgemm, $"{s.Name} (RnnLab: separate networks, one per core)"));
                if (autograd && s.Networks == 1) // ensembles always run fused
                    Console.WriteLine(Row(s, RnnLabScenarios.Run(s, TimeLoop.Autograd, repeats, steps), plain, other, sgemm, $"{s.Name} (RnnLab op-by-op autograd loop)"));
            }
            var floor = ScenarioFloor.Measure(s, repeats);
            floors.Add(FloorLine(s, floor, ours, plain, other));
            foreach (var (baseline, result) in new[] { ("TorchSharp", plain), ("PyTorch", other) })
            {
                if (result is null) continue;
                ratios[(s.Name, baseline)] = Speedup(s, ours, result);
                floorBounds[(s.Name, baseline)] = s.FixedPointSearch ? result.Median * 1000 / floor.Milliseconds : 1000 / floor.Milliseconds / result.Median;
            }
        }
        Console.WriteLine();
        Console.WriteLine("training scenarios in steps/s, FP in seconds per search (lower is better); vs = RnnLab speed / baseline speed");
        foreach (var version in versions.Distinct()) Console.WriteLine($"baseline: {version}");

        Console.WriteLine();
        Console.WriteLine("floors on this machine: a training step's noise draw (RnnLab's Philox stream) plus its matrix products alone; a search's products alone");
        foreach (var line in floors) Console.WriteLine(line);

        Console.WriteLine();
        Console.WriteLine("targets (2-core CPU):");
        foreach (var t in BenchTarget.All.Where(t => scenarios.Contains(t.Scenario)))
        {
            if (!ratios.TryGetValue((t.Scenario, t.Baseline), out var ratio))
            {
                Console.WriteLine($"  {t.Scenario} >= {t.Ratio:0.#}x {t.Baseline}: not measured ({t.Baseline} not run)");
                continue;
            }
            var bound = floorBounds[(t.Scenario, t.Baseline)];
            var verdict = ratio >= t.Ratio ? "met" : bound < t.Ratio ? $"missed; out of reach here: even the floor allows only {bound:F2}x" : $"missed; the floor would allow up to {bound:F2}x";
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {t.Scenario} >= {t.Ratio:0.#}x {t.Baseline}: {ratio:F2}x, {verdict}"));
        }
        return 0;
    }

    private static string Text(int value) => value.ToString(CultureInfo.InvariantCulture);

    // How many times faster RnnLab is: a rate ratio for training, a time ratio for the search.
    private static double Speedup(BenchScenario s, BenchResult ours, BenchResult theirs) =>
        s.FixedPointSearch ? theirs.Median / ours.Median : ours.Median / theirs.Median;

    private static string FloorLine(BenchScenario s, ScenarioFloor floor, BenchResult ours, BenchResult? plain, BenchResult? other)
    {
        var inv = CultureInfo.InvariantCulture;
        // The floor arranges the products as tensor ops; RnnLab's direct BLAS calls can come in just under it.
        var reached = string.Create(inv, $"; RnnLab runs at {(s.FixedPointSearch ? floor.Milliseconds / 1000 / ours.Median : ours.Median * floor.Milliseconds / 1000):P0} of the floor's speed");
        string Best(string baseline, BenchResult? theirs, double bound) => theirs is null ? "" : string.Create(inv, $", {bound:F2}x {baseline} at best");
        if (s.FixedPointSearch)
        {
            double Bound(BenchResult r) => r.Median * 1000 / floor.Milliseconds;
            return string.Create(inv, $"  {s.Name}: products {floor.ProductsMilliseconds / 1000:F2} s per search") +
                (plain is null ? "" : Best("TorchSharp", plain, Bound(plain))) + (other is null ? "" : Best("PyTorch", other, Bound(other))) + reached;
        }
        var limit = 1000 / floor.Milliseconds;
        return string.Create(inv, $"  {s.Name}: noise {floor.NoiseMilliseconds:F2} ms + products {floor.ProductsMilliseconds:F2} ms = {floor.Milliseconds:F2} ms/step -> at most {limit:F1} steps/s") +
            (plain is null ? "" : Best("TorchSharp", plain, limit / plain.Median)) + (other is null ? "" : Best("PyTorch", other, limit / other.Median)) + reached;
    }

    // fixedWork: the row's work is the scenario's (its GFLOP/s mean something); false for a search that stops as its states end.
    private static string Row(BenchScenario s, BenchResult ours, BenchResult? plain, BenchResult? other, double sgemm, string label, bool fixedWork = true)
    {
        var inv = CultureInfo.InvariantCulture;
        var gflops = !fixedWork ? double.NaN : s.FixedPointSearch ? s.Flops / ours.Median / 1e9 : s.Flops * ours.Median / 1e9;
        string F(double v, string f) => double.IsNaN(v) ? "-" : v.ToString(f, inv);
        var unit = s.FixedPointSearch ? "s" : "/s";
        string Speed(BenchResult? r) => r is null ? "-" : F(r.Median, "F2") + unit;
        string Ratio(BenchResult? r) => r is null ? "-" : F(Speedup(s, ours, r), "F2") + "x";
        string Rss(BenchResult? r) => r is null ? "-" : F(r.PeakResidentMiB, "F0");
        return $"{label,-46} {Speed(ours),10} {Speed(plain),11} {Speed(other),10} {Ratio(plain),7} {Ratio(other),7} {F(gflops, "F1"),8} {F(100 * gflops / sgemm, "F0") + "%",8} {Rss(ours),8} {Rss(plain),7} {Rss(other),7}";
    }

    // Prints TorchSharp's own costs and the noise kernels'; returns the float32 GEMM rate (1024^3) the scenarios are compared with.
    private static double Micro(int repeats)
    {
        double Median(Func<double> f) => BenchStatistics.Median(Enumerable.Range(0, repeats).Select(_ => f()).ToList());
        Console.WriteLine($"tiny op (1-element add + dispose) from C#: {Median(() => TinyOpMicroseconds(200_000)):F2} us per call");
        foreach (var dtype in new[] { float32, float64 })
            Console.WriteLine($"matmul 256x256 {dtype.Name()}: {Median(() => MatmulGflops(256, dtype, 400)):F1} GFLOP/s");
        var big = Median(() => MatmulGflops(1024, float32, 10));
        Console.WriteLine($"matmul 1024x1024 float32: {big:F1} GFLOP/s (the machine's measured GEMM rate)");
        PhiloxMicro.Print(repeats);
        return big;
    }

    private static double TinyOpMicroseconds(int calls)
    {
        using var a = ones(1);
        using var b = ones(1);
        for (var i = 0; i < 1000; i++) using (a + b) { }
        var watch = System.Diagnostics.Stopwatch.StartNew();
        for (var i = 0; i < calls; i++) using (a + b) { }
        return watch.Elapsed.TotalMicroseconds / calls;
    }

    private static double MatmulGflops(long n, ScalarType dtype, int iterations)
    {
        using var generator = new Generator(1);
        using var a = randn([n, n], dtype, generator: generator);
        using var b = randn([n, n], dtype, generator: generator);
        for (var i = 0; i < 3; i++) using (a.matmul(b)) { }
        var watch = System.Diagnostics.Stopwatch.StartNew();
        for (var i = 0; i < iterations; i++) using (a.matmul(b)) { }
        return 2.0 * n * n * n * iterations / watch.Elapsed.TotalSeconds / 1e9;
    }
}
