using System.Globalization;
using RnnLab.Cli.Bench;
using RnnLab.Cli.Diagnostics;
using RnnLab.Models;
using TorchSharp;
using static TorchSharp.torch;

namespace RnnLab.Cli.Commands;

/// <summary>
/// `rnnlab bench`: the binding's micro-benchmarks (per-op call overhead, matmul throughput), then the
/// training and fixed-point scenarios side by side with PyTorch running the same computations under
/// the same thread and BLAS settings. Medians of repeated runs after warm-up; printed, never asserted.
/// </summary>
public sealed class BenchCommand : ICommand
{
    private const string Usage =
        "usage: ./rnnlab bench [--threads N] [--repeats N] [--steps N] [--scenarios S1,S2,S3,FP] [--micro] [--no-reference] [--autograd]\n" +
        "  --threads N     libtorch intra-op threads on both sides (default 1; OpenBLAS threads follow OPENBLAS_NUM_THREADS)\n" +
        "  --repeats N     timed runs per scenario, median reported (default 5)\n" +
        "  --steps N       training steps per timed run (default 10)\n" +
        "  --micro         only the binding's micro-benchmarks\n" +
        "  --no-reference  skip the PyTorch side\n" +
        "  --autograd      also time RnnLab's op-by-op autograd loop";

    /// <inheritdoc />
    public string Name => "bench";

    /// <inheritdoc />
    public string Summary => "benchmarks: call overhead, GEMM rate, training steps and fixed points vs PyTorch";

    /// <inheritdoc />
    public int Run(string[] args)
    {
        int threads = 1, repeats = 5, steps = 10;
        var scenarios = BenchScenario.All.Select(s => s.Name).ToList();
        bool microOnly = false, reference = true, autograd = false;
        for (var i = 0; i < args.Length; i++)
        {
            string Value() => i + 1 < args.Length ? args[++i] : throw new UsageException($"{args[i]} needs a value.");
            switch (args[i])
            {
                case "-h" or "--help": Console.WriteLine(Usage); return 0;
                case "--threads": threads = Positive(args[i], Value()); break;
                case "--repeats": repeats = Positive(args[i], Value()); break;
                case "--steps": steps = Positive(args[i], Value()); break;
                case "--scenarios":
                    scenarios = Value().Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList();
                    var unknown = scenarios.FirstOrDefault(s => BenchScenario.All.All(a => a.Name != s));
                    if (unknown is not null) throw new UsageException($"unknown scenario '{unknown}'; allowed: {string.Join(", ", BenchScenario.All.Select(s => s.Name))}.");
                    break;
                case "--micro": microOnly = true; break;
                case "--no-reference": reference = false; break;
                case "--autograd": autograd = true; break;
                default: throw new UsageException($"unknown option '{args[i]}'; allowed: --threads, --repeats, --steps, --scenarios, --micro, --no-reference, --autograd.");
            }
        }
        set_num_threads(threads);

        Console.WriteLine(RuntimeReport.VersionLine());
        Console.WriteLine($"threads: libtorch intra-op {get_num_threads()} on both sides; OPENBLAS_NUM_THREADS={Environment.GetEnvironmentVariable("OPENBLAS_NUM_THREADS") ?? "(unset: one per core)"}; {Environment.ProcessorCount} cores; medians of {repeats} runs after warm-up");
        Console.WriteLine();
        var sgemm = Micro(repeats);
        if (microOnly) return 0;

        var script = Path.Combine(AppContext.BaseDirectory, "pytorch_reference.py");
        var why = reference ? PyTorchReference.Unavailable(script) : "--no-reference";
        Console.WriteLine(why is null ? $"reference: {script}, run scenario by scenario just before RnnLab's (the machine's speed drifts over minutes)" : $"reference: not run: {why}");

        Console.WriteLine();
        Console.WriteLine($"{"scenario",-44} {"RnnLab",12} {"PyTorch",12} {"ratio",7} {"GFLOP/s",8} {"of GEMM",8} {"RSS MiB",8} {"PyTorch RSS",11}");
        var floors = new List<string>();
        string? version = null;
        foreach (var s in BenchScenario.All.Where(s => scenarios.Contains(s.Name)))
        {
            BenchResult? other = null;
            if (why is null)
            {
                (var theirs, version) = PyTorchReference.Run(script, threads, repeats, steps, [s.Name]);
                theirs.TryGetValue(s.Name, out other);
            }
            if (s.FixedPointSearch)
            {
                var (minimization, whole) = RnnLabScenarios.FixedPoints(s, repeats);
                Console.WriteLine(Row(s, minimization, other, sgemm, $"{s.Name} {s.Description}"));
                Console.WriteLine(Row(s, whole, null, sgemm, $"{s.Name} (RnnLab: whole search, kept points described)"));
                floors.Add(FloorLine(s, ScenarioFloor.Measure(s, repeats), other));
                continue;
            }
            var ours = RnnLabScenarios.Run(s, TimeLoop.Fused, repeats, steps);
            Console.WriteLine(Row(s, ours, other, sgemm, $"{s.Name} {s.Description}"));
            if (s.Networks > 1)
                Console.WriteLine(Row(s, RnnLabScenarios.Concurrent(s, repeats, Math.Max(2, steps / 3)), other, sgemm, $"{s.Name} (RnnLab: separate networks, one per core)"));
            if (autograd && !s.FixedPointSearch && s.Networks == 1) // ensembles always run fused
                Console.WriteLine(Row(s, RnnLabScenarios.Run(s, TimeLoop.Autograd, repeats, steps), other, sgemm, $"{s.Name} (RnnLab autograd loop)"));
            floors.Add(FloorLine(s, ScenarioFloor.Measure(s, repeats), other));
        }
        Console.WriteLine();
        Console.WriteLine("training scenarios in steps/s, FP in seconds per search (lower is better); ratio = RnnLab speed / PyTorch speed");
        if (version is not null) Console.WriteLine($"reference: {version}");

        Console.WriteLine();
        Console.WriteLine("floors on this machine: a training step's noise draw plus its matrix products alone; a search's products alone");
        foreach (var line in floors) Console.WriteLine(line);
        return 0;
    }

    private static string FloorLine(BenchScenario s, ScenarioFloor floor, BenchResult? theirs)
    {
        var inv = CultureInfo.InvariantCulture;
        if (s.FixedPointSearch)
        {
            var bound = theirs is null ? "" : string.Create(inv, $" -> {theirs.Median * 1000 / floor.Milliseconds:F2}x PyTorch at best");
            return string.Create(inv, $"  {s.Name}: products {floor.ProductsMilliseconds / 1000:F2} s per search{bound}");
        }
        var limit = 1000 / floor.Milliseconds;
        var best = theirs is null ? "" : string.Create(inv, $" = {limit / theirs.Median:F2}x PyTorch at best");
        return string.Create(inv,
            $"  {s.Name}: noise {floor.NoiseMilliseconds:F2} ms + products {floor.ProductsMilliseconds:F2} ms = {floor.Milliseconds:F2} ms/step -> at most {limit:F1} steps/s{best}");
    }

    private static string Row(BenchScenario s, BenchResult ours, BenchResult? theirs, double sgemm, string label)
    {
        var inv = CultureInfo.InvariantCulture;
        var ratio = theirs is null ? double.NaN : s.FixedPointSearch ? theirs.Median / ours.Median : ours.Median / theirs.Median;
        var gflops = s.FixedPointSearch ? s.Flops / ours.Median / 1e9 : s.Flops * ours.Median / 1e9;
        string F(double v, string f) => double.IsNaN(v) ? "-" : v.ToString(f, inv);
        var unit = s.FixedPointSearch ? "s" : "/s";
        return $"{label,-44} {F(ours.Median, "F2") + unit,12} {(theirs is null ? "-" : F(theirs.Median, "F2") + unit),12} {F(ratio, "F2") + "x",7} {F(gflops, "F1"),8} {F(100 * gflops / sgemm, "F0") + "%",8} {F(ours.PeakResidentMiB, "F0"),8} {(theirs is null ? "-" : F(theirs.PeakResidentMiB, "F0")),11}";
    }

    // Prints the binding's own costs; returns the float32 GEMM rate (1024^3) the scenarios are compared with.
    private static double Micro(int repeats)
    {
        double Median(Func<double> f) => RnnLabScenarios.Median(Enumerable.Range(0, repeats).Select(_ => f()).ToList());
        Console.WriteLine($"tiny op (1-element add + dispose) from C#: {Median(() => TinyOpMicroseconds(200_000)):F2} us per call");
        foreach (var dtype in new[] { float32, float64 })
            Console.WriteLine($"matmul 256x256 {dtype.Name()}: {Median(() => MatmulGflops(256, dtype, 400)):F1} GFLOP/s");
        var big = Median(() => MatmulGflops(1024, float32, 10));
        Console.WriteLine($"matmul 1024x1024 float32: {big:F1} GFLOP/s (the machine's measured GEMM rate)");
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

    private static int Positive(string option, string text) =>
        int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var v) && v > 0
            ? v
            : throw new UsageException($"{option} takes a positive integer, got '{text}'.");
}
