namespace RnnLab.Tests.Interop;

/// <summary>The PyTorch fixtures (Fixtures/make_fixtures.py) and the values they hold.</summary>
internal static class Fixtures
{
    public static string Path(string name) => System.IO.Path.Combine(AppContext.BaseDirectory, "Interop", "Fixtures", name);

    /// <summary>The tensors of the fixtures by name: shape and the offset of 0.5 sin(0.37 i + offset).</summary>
    public static readonly IReadOnlyDictionary<string, (long[] shape, double offset)> Tensors = new Dictionary<string, (long[], double)>
    {
        ["W_rec"] = ([6, 6], 0),
        ["W_in"] = ([6, 2], 100),
        ["b"] = ([6], 200),
        ["W_out"] = ([1, 6], 300),
    };

    /// <summary>What make_fixtures.py wrote for a tensor, in row-major order, in float64.</summary>
    public static double[] Values(string name)
    {
        var (shape, offset) = Tensors[name];
        var count = shape.Aggregate(1L, (a, b) => a * b);
        return Enumerable.Range(0, (int)count).Select(i => 0.5 * Math.Sin(0.37 * i + offset)).ToArray();
    }
}
