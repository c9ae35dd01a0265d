namespace RnnLab.Torch.Tests.TestSupport;

/// <summary>Element-wise comparisons of tensors against hand-computed values.</summary>
internal static class Expect
{
    public static void Values(double[] expected, Tensor actual, double tolerance = 1e-6)
    {
        using var d = actual.to(float64);
        var values = d.ToArray<double>();
        Assert.Equal(expected.Length, values.Length);
        for (var i = 0; i < expected.Length; i++)
            Assert.True(Math.Abs(expected[i] - values[i]) <= tolerance * (1 + Math.Abs(expected[i])),
                $"element {i}: expected {expected[i]}, got {values[i]}");
    }

    public static void Shape(long[] expected, Tensor actual) => Assert.Equal(expected, actual.shape);

    public static void Close(Tensor expected, Tensor actual, double rtol = 1e-6, double atol = 1e-9)
    {
        Assert.Equal(expected.shape, actual.shape);
        using var e = expected.to(float64);
        using var a = actual.to(float64);
        var ev = e.ToArray<double>();
        var av = a.ToArray<double>();
        for (var i = 0; i < ev.Length; i++)
            Assert.True(Math.Abs(ev[i] - av[i]) <= atol + rtol * Math.Abs(ev[i]), $"element {i}: expected {ev[i]}, got {av[i]}");
    }
}
