using RnnLab.Randomness;

namespace RnnLab.Tests.Randomness;

/// <summary>
/// The deviates are the documented Box-Muller transform of the documented Philox words, computed here independently
/// with System.Math in double precision. This pins the layout (which words make which deviate) and measures the
/// accuracy of the library's own log, sin and cos kernels.
/// </summary>
public sealed class NormalDeviatesTransformTests
{
    private const int Blocks = 50_000;
    private static readonly PhiloxStream Stream = new(PhiloxKey.FromSeed(77), (uint)SeedPurpose.Analysis, 9);

    [Fact]
    public void FillFloats_AgainstMathBoxMuller_WithinFourUlps()
    {
        var words = new uint[4 * Blocks];
        Philox4x32.Generate(Stream, 0, words);
        var deviates = new float[4 * Blocks];
        NormalDeviates.Fill(Stream, 0, deviates);

        for (var i = 0; i < deviates.Length; i += 2)
        {
            // Float pair from words (i, i + 1): u = ((w >> 8) + 1) 2^-24, angle = (w' >> 8) 2^-24 turns.
            var u = ((words[i] >> 8) + 1) / 16777216.0;
            var angle = 2 * Math.PI * (words[i + 1] >> 8) / 16777216.0;
            var radius = Math.Sqrt(-2 * Math.Log(u));
            // The radius, the angle and the product each carry about one float rounding (2^-24 relative), and
            // |d r cos θ| <= |r| (|dr/r| + |dθ|): four float ulps of max(1, r) bound the sum with margin.
            var tolerance = 4 * Math.Max(1, radius) / 8388608.0;
            Assert.True(Math.Abs(deviates[i] - radius * Math.Cos(angle)) <= tolerance, $"cosine deviate {i}: {deviates[i]} vs {radius * Math.Cos(angle)}");
            Assert.True(Math.Abs(deviates[i + 1] - radius * Math.Sin(angle)) <= tolerance, $"sine deviate {i + 1}: {deviates[i + 1]} vs {radius * Math.Sin(angle)}");
        }
    }

    [Fact]
    public void FillDoubles_AgainstMathBoxMuller_WithinFourUlps()
    {
        var words = new uint[4 * Blocks];
        Philox4x32.Generate(Stream, 0, words);
        var deviates = new double[2 * Blocks];
        NormalDeviates.Fill(Stream, 0, deviates);

        for (var b = 0; b < Blocks; b++)
        {
            uint w0 = words[4 * b], w1 = words[4 * b + 1], w2 = words[4 * b + 2], w3 = words[4 * b + 3];
            // Double pair from block b: u = (w0 2^21 + (w1 >> 11) + 1) 2^-53, angle = (w2 2^21 + (w3 >> 11)) 2^-53 turns.
            var u = (((ulong)w0 << 21) + (w1 >> 11) + 1) / 9007199254740992.0;
            var turn = ((ulong)w2 << 21) | (w3 >> 11);
            // Reduce the angle to [-1/2, 1/2) of a turn exactly, so Math.Cos/Math.Sin see the same angle the library does.
            var centered = turn >= 1UL << 52 ? (long)turn - (1L << 53) : (long)turn;
            var angle = 2 * Math.PI * (centered / 9007199254740992.0);
            var radius = Math.Sqrt(-2 * Math.Log(u));
            var tolerance = 4 * Math.Max(1, radius) / 4503599627370496.0;
            Assert.True(Math.Abs(deviates[2 * b] - radius * Math.Cos(angle)) <= tolerance, $"cosine deviate of block {b}: {deviates[2 * b]:R} vs {radius * Math.Cos(angle):R}");
            Assert.True(Math.Abs(deviates[2 * b + 1] - radius * Math.Sin(angle)) <= tolerance, $"sine deviate of block {b}: {deviates[2 * b + 1]:R} vs {radius * Math.Sin(angle):R}");
        }
    }
}
