using RnnLab.Cli.Diagnostics;
using RnnLab.Torch;
using static RnnLab.Torch.torch;

namespace RnnLab.Cli.Commands;

/// <summary>
/// `rnnlab bench`: micro-benchmarks of the binding itself: the cost of one tiny op called from C#
/// (P/Invoke, wrapper, dispose) and the throughput of a 256 x 256 float32 matmul. Medians of 5 runs
/// after a warm-up; numbers are printed, never asserted.
/// </summary>
public sealed class BenchCommand : ICommand
{
    private const int Repeats = 5;

    /// <inheritdoc />
    public string Name => "bench";

    /// <inheritdoc />
    public string Summary => "micro-benchmarks: per-op call overhead, 256x256 matmul GFLOP/s";

    /// <inheritdoc />
    public int Run(string[] args)
    {
        if (args.Length > 0 && args[0] is "-h" or "--help")
        {
            Console.WriteLine("usage: ./rnnlab bench [--threads N]\n  --threads N  libtorch intra-op threads (default: libtorch's own choice)");
            return 0;
        }
        if (args.Length == 2 && args[0] == "--threads")
        {
            if (!int.TryParse(args[1], out var threads) || threads < 1)
                throw new UsageException($"--threads takes a positive integer, got '{args[1]}'.");
            set_num_threads(threads);
        }
        else if (args.Length > 0)
        {
            throw new UsageException($"unknown option '{args[0]}'; allowed: --threads N.");
        }

        Console.WriteLine(RuntimeReport.VersionLine());
        Console.WriteLine($"torch threads: {get_num_threads()} intra-op; medians of {Repeats} runs after warm-up");
        Console.WriteLine();

        var overhead = Median(() => TinyOpMicroseconds(200_000));
        Console.WriteLine($"tiny op (1-element add + dispose) from C#: {overhead:F2} us per call");

        foreach (var dtype in new[] { float32, float64 })
        {
            var gflops = Median(() => MatmulGflops(256, dtype, 400));
            Console.WriteLine($"matmul 256x256 {dtype.Name()}: {gflops:F1} GFLOP/s");
        }
        var big = Median(() => MatmulGflops(1024, float32, 10));
        Console.WriteLine($"matmul 1024x1024 float32: {big:F1} GFLOP/s (the BLAS's own rate; compare with OPENBLAS_CORETYPE)");
        return 0;
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
        using var a = randn([n, n], generator, dtype);
        using var b = randn([n, n], generator, dtype);
        for (var i = 0; i < 3; i++) using (a.matmul(b)) { }
        var watch = System.Diagnostics.Stopwatch.StartNew();
        for (var i = 0; i < iterations; i++) using (a.matmul(b)) { }
        return 2.0 * n * n * n * iterations / watch.Elapsed.TotalSeconds / 1e9;
    }

    private static double Median(Func<double> measure)
    {
        var values = Enumerable.Range(0, Repeats).Select(_ => measure()).Order().ToArray();
        return values[Repeats / 2];
    }
}
