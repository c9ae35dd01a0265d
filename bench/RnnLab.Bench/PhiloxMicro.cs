using System.Diagnostics;
using System.Globalization;
using RnnLab.Randomness;

namespace RnnLab.Bench;

/// <summary>
/// The noise kernels alone, on one thread, per <see cref="SimdPath"/>: Philox words, single- and double-precision
/// normal deviates written into a 64 KiB buffer (it stays in the core's cache, so the kernels' arithmetic is timed,
/// not memory). Each timed run fills the buffer 200 times; the fastest run is reported, since on a shared machine
/// the slower ones measure the other processes.
/// </summary>
internal static class PhiloxMicro
{
    private const int Bytes = 64 * 1024;
    private const int FillsPerRun = 200;

    private static readonly PhiloxStream Stream = SeedStream.For(5, SeedPurpose.Bench).Philox;

    /// <summary>Prints one line per path: values per nanosecond for words, floats and doubles.</summary>
    public static void Print(int repeats)
    {
        var inv = CultureInfo.InvariantCulture;
        Console.WriteLine($"noise kernels on one thread, {Bytes / 1024} KiB per fill (values per ns, best of {repeats} runs; Auto is {SimdPaths.Best}):");
        var words = new uint[Bytes / sizeof(uint)];
        var floats = new float[Bytes / sizeof(float)];
        var doubles = new double[Bytes / sizeof(double)];
        foreach (var path in new[] { SimdPath.Scalar, SimdPath.Vector128, SimdPath.Vector256, SimdPath.Vector512 })
        {
            if (!SimdPaths.IsSupported(path))
            {
                Console.WriteLine($"  {path,-9}  not run: this processor cannot run it");
                continue;
            }
            var w = Rate(repeats, words.Length, block => Philox4x32.Generate(Stream, block, words, path));
            var f = Rate(repeats, floats.Length, block => NormalDeviates.Fill(Stream, block, floats, path));
            var d = Rate(repeats, doubles.Length, block => NormalDeviates.Fill(Stream, block, doubles, path));
            Console.WriteLine(string.Create(inv, $"  {path,-9}  words {w,6:F2}   floats {f,6:F2}   doubles {d,6:F2}"));
        }
    }

    // Values per nanosecond in the fastest of the timed runs, after one untimed run.
    private static double Rate(int repeats, int values, Action<ulong> fill)
    {
        double Run()
        {
            var clock = Stopwatch.StartNew();
            for (var i = 0; i < FillsPerRun; i++) fill((ulong)i * 4096);
            return (double)values * FillsPerRun / (clock.Elapsed.TotalMilliseconds * 1e6);
        }
        Run();
        return Enumerable.Range(0, repeats).Max(_ => Run());
    }
}
