namespace RnnLab.Torch.Tests.TestSupport;

/// <summary>
/// Compares autograd gradients with central finite differences in float64. The scalar checked is
/// sum(f(x) * w) with fixed random weights w, so every output element contributes differently.
/// </summary>
internal static class GradCheck
{
    public static void Check(Func<Tensor[], Tensor> f, Tensor[] inputs, double h = 1e-6, double tolerance = 1e-6)
    {
        using var scope = NewDisposeScope();
        using var generator = new Generator(12345);
        var leaves = inputs.Select(x => x.to(float64).detach().requires_grad_(true)).ToArray();
        var output = f(leaves);
        var weights = randn(output.shape, generator, output.dtype == float64 ? float64 : output.dtype);
        Tensor Loss(Tensor y) => y.dtype.IsFloatingPoint() ? (y * weights.to(y.dtype)).sum() : throw new InvalidOperationException("non-float output");
        Loss(output).backward();

        for (var k = 0; k < leaves.Length; k++)
        {
            var analytic = leaves[k].grad?.ToArray<double>() ?? new double[leaves[k].numel()];
            var baseValues = leaves[k].detach().ToArray<double>();
            var shape = leaves[k].shape;
            for (var i = 0; i < baseValues.Length; i++)
            {
                double Evaluate(double delta)
                {
                    var perturbed = (double[])baseValues.Clone();
                    perturbed[i] += delta;
                    var args = leaves.Select((x, j) => j == k ? tensor(perturbed, shape) : x.detach()).ToArray();
                    using (no_grad()) return Loss(f(args)).item<double>();
                }
                var numeric = (Evaluate(h) - Evaluate(-h)) / (2 * h);
                Assert.True(Math.Abs(numeric - analytic[i]) <= tolerance * (1 + Math.Abs(numeric)),
                    $"input {k}, element {i}: autograd {analytic[i]}, finite difference {numeric}");
            }
        }
    }
}
