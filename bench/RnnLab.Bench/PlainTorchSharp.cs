using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using TorchSharp;
using static TorchSharp.torch;

namespace RnnLab.Bench;

/// <summary>
/// The bench's plain-TorchSharp column: the obvious C# implementation of every scenario, written as a
/// TorchSharp user would write it (an op-by-op time loop under autograd, <c>torch.randn</c> noise,
/// <c>torch.optim.Adam</c>), line for line the computations of bench/pytorch_reference.py, on the same
/// libtorch RnnLab uses. It runs in a process of its own, <c>rnnlab __plain-torchsharp</c>, entered before
/// RnnLab's library is touched, so it keeps libtorch's default threading (one intra-op thread per core)
/// and glibc's default heap, as a TorchSharp program has them; it prints the same JSON lines as the
/// PyTorch reference. Nothing here uses RnnLab's types.
/// </summary>
public static class PlainTorchSharp
{
    /// <summary>The hidden verb that runs the baseline.</summary>
    public const string Verb = "__plain-torchsharp";

    private const double Tau = 100, Dt = 10, Sigma = 0.01, Alpha = Dt / Tau;
    private static readonly double Noise = Math.Sqrt(2 * Sigma * Sigma / Alpha);

    /// <summary>Runs the scenarios named in args (--repeats R --steps-per-run S --scenarios S1,S2,S3,FP).</summary>
    public static int Run(string[] args)
    {
        int repeats = 5, stepsPerRun = 10;
        var wanted = new HashSet<string> { "S1", "S2", "S3", "FP" };
        for (var i = 0; i + 1 < args.Length; i += 2)
        {
            switch (args[i])
            {
                case "--repeats": repeats = int.Parse(args[i + 1], CultureInfo.InvariantCulture); break;
                case "--steps-per-run": stepsPerRun = int.Parse(args[i + 1], CultureInfo.InvariantCulture); break;
                case "--scenarios": wanted = [.. args[i + 1].Split(',')]; break;
                default: throw new ArgumentException($"unknown option {args[i]}");
            }
        }
        Print(new Dictionary<string, object> { ["torch"] = $"TorchSharp {typeof(torch).Assembly.GetName().Version}", ["threads"] = get_num_threads() });
        if (wanted.Contains("S1")) Print(Training("S1", 128, 64, 100, 1, null, 3, repeats, stepsPerRun));
        if (wanted.Contains("S2")) Print(Training("S2", 256, 64, 200, 2, null, 2, repeats, Math.Max(2, stepsPerRun / 3)));
        if (wanted.Contains("S3")) Print(Training("S3", 128, 64, 100, 1, 10, 2, repeats, Math.Max(2, stepsPerRun / 3)));
        if (wanted.Contains("FP")) Print(FixedPoints(1024, 128, 2000, Math.Max(1, repeats / 2)));
        return 0;
    }

    private static void Print(Dictionary<string, object> line)
    {
        Console.WriteLine(JsonSerializer.Serialize(line));
        Console.Out.Flush();
    }

    // k networks at once (batched products) when k is set, one network otherwise.
    private static Dictionary<string, object> Training(string name, int n, int batch, int steps, int inputs, int? k, int warmup, int repeats, int stepsPerRun)
    {
        using var g = new Generator(1);
        long[] lead = k is { } count ? [count] : [];
        using var mask = 1 - eye(n);
        using var w = nn.Parameter(randn([.. lead, n, n], generator: g) / Math.Sqrt(n) * mask);
        using var wIn = randn([.. lead, n, inputs], generator: g) * 0.5;
        using var b = randn([.. lead, n], generator: g) * 0.5;
        using var wOut = randn([.. lead, 1, n], generator: g) / Math.Sqrt(n);
        using var adam = optim.Adam([w], lr: 1e-3);
        using var u = randn([steps, .. lead, batch, inputs], generator: g);
        using var y = randn([steps, .. lead, batch, 1], generator: g);

        void Step()
        {
            using var scope = NewDisposeScope();
            adam.zero_grad();
            var wEff = w * mask;
            Tensor loss;
            var rates = new List<Tensor>();
            if (k is { } networks)
            {
                var drive = einsum("tkbi,kni->tkbn", u, wIn) + b.unsqueeze(1) + randn([steps, networks, batch, n], generator: g) * Noise;
                var r = zeros(networks, batch, n);
                var wt = wEff.transpose(1, 2);
                for (var t = 0; t < steps; t++)
                {
                    r = (1 - Alpha) * r + Alpha * nn.functional.relu(r.bmm(wt) + drive[t]);   // not baddbmm: TorchSharp 0.107 passes its operands in the wrong order
                    rates.Add(r);
                }
                var z = einsum("tkbn,kon->tkbo", stack(rates), wOut);
                loss = (z - y).square().mean([0, 2, 3]).sum();
            }
            else
            {
                var drive = u.matmul(wIn.t()) + b + randn([steps, batch, n], generator: g) * Noise;
                var r = zeros(batch, n);
                var wt = wEff.t();
                for (var t = 0; t < steps; t++)
                {
                    r = (1 - Alpha) * r + Alpha * nn.functional.relu(drive[t].addmm(r, wt));
                    rates.Add(r);
                }
                var z = stack(rates).matmul(wOut.t());
                loss = (z - y).square().mean();
            }
            loss.backward();
            adam.step();
            loss.item<float>();
        }

        for (var i = 0; i < warmup; i++) Step();
        var runs = new List<double>();
        for (var r = 0; r < repeats; r++)
        {
            var clock = Stopwatch.StartNew();
            for (var i = 0; i < stepsPerRun; i++) Step();
            runs.Add(stepsPerRun / clock.Elapsed.TotalSeconds);
        }
        return new Dictionary<string, object> { ["scenario"] = name, ["steps_per_second"] = BenchStatistics.Median(runs), ["runs"] = runs, ["peak_rss_mib"] = BenchStatistics.PeakMiB() };
    }

    // Adam on the states minimizing q = 1/2 |F(x)|^2, with the finder's learning-rate schedule.
    private static Dictionary<string, object> FixedPoints(int states, int n, int iterations, int repeats)
    {
        using var g = new Generator(2);
        using var w = randn([n, n], float64, generator: g) / Math.Sqrt(n) * (1 - eye(n, dtype: float64));
        using var c = randn([n], float64, generator: g) * 0.5;
        using var x0 = rand([states, n], float64, generator: g);
        var times = new List<double>();
        for (var repeat = 0; repeat < repeats; repeat++)
        {
            using var x = nn.Parameter(x0.clone());
            using var adam = optim.Adam([x], lr: 0.05);
            double lr = 0.05, previous = double.PositiveInfinity;
            var better = 0;
            var clock = Stopwatch.StartNew();
            for (var i = 0; i < iterations; i++)
            {
                using var scope = NewDisposeScope();
                adam.zero_grad();
                var f = (-x + nn.functional.relu(x.matmul(w.t()) + c)) / Tau;
                var mean = (0.5 * f.square().sum(1)).mean();
                mean.backward();
                var m = mean.item<double>();
                if (m > previous)
                {
                    lr *= 0.95;
                    better = 0;
                }
                else if (++better >= 5)
                {
                    lr /= 0.95;
                    better = 0;
                }
                previous = m;
                foreach (var group in adam.ParamGroups) group.LearningRate = lr;
                adam.step();
            }
            times.Add(clock.Elapsed.TotalSeconds);
        }
        return new Dictionary<string, object> { ["scenario"] = "FP", ["seconds"] = BenchStatistics.Median(times), ["runs"] = times, ["peak_rss_mib"] = BenchStatistics.PeakMiB() };
    }
}
