using RnnLab.Torch.Tests.TestSupport;

namespace RnnLab.Torch.Tests;

public class AutogradTests
{
    [Fact]
    public void Backward_AccumulatesIntoLeafGradients()
    {
        using var scope = NewDisposeScope();
        var x = tensor(new[] { 1.0, 2, 3 }, requires_grad: true);
        (x * x).sum().backward();
        Expect.Values([2, 4, 6], x.grad!);
        (x * 3).sum().backward();
        Expect.Values([5, 7, 9], x.grad!);
        x.grad = null;
        Assert.Null(x.grad);
    }

    [Fact]
    public void Backward_WithGradient_ForNonScalarOutput()
    {
        using var scope = NewDisposeScope();
        var x = tensor(new[] { 1.0, 2 }, requires_grad: true);
        var y = x * x;
        y.backward(tensor(new[] { 1.0, 10 }));
        Expect.Values([2, 40], x.grad!);
    }

    [Fact]
    public void AutogradGrad_SecondDerivative_WithCreateGraph()
    {
        using var scope = NewDisposeScope();
        var x = tensor(new[] { 0.5, -1.5 }, requires_grad: true);
        var y = x.pow(3).sum();
        var dy = autograd.grad([y], [x], create_graph: true)[0]!;
        Expect.Values([3 * 0.25, 3 * 2.25], dy);
        var d2y = autograd.grad([dy.sum()], [x])[0]!;
        Expect.Values([6 * 0.5, 6 * -1.5], d2y);
    }

    [Fact]
    public void AutogradGrad_UnusedInput_IsNullOnlyWhenAllowed()
    {
        using var scope = NewDisposeScope();
        var x = tensor(new[] { 1.0 }, requires_grad: true);
        var unused = tensor(new[] { 1.0 }, requires_grad: true);
        var y = (x * 2).sum();
        var grads = autograd.grad([y], [x, unused], retain_graph: true, allow_unused: true);
        Expect.Values([2], grads[0]!);
        Assert.Null(grads[1]);
        Assert.Throws<TorchException>(() => autograd.grad([y], [x, unused]));
    }

    [Fact]
    public void NoGrad_StopsRecording_AndRestoresTheMode()
    {
        using var scope = NewDisposeScope();
        var x = tensor(new[] { 1.0 }, requires_grad: true);
        Assert.True(is_grad_enabled());
        using (no_grad())
        {
            Assert.False(is_grad_enabled());
            Assert.False((x * 2).requires_grad);
            using (enable_grad()) Assert.True((x * 2).requires_grad);
            Assert.False(is_grad_enabled());
        }
        Assert.True(is_grad_enabled());
        Assert.True((x * 2).requires_grad);
    }

    [Fact]
    public void BatchedJacobian_OfRateRnnVectorField_MatchesClosedForm()
    {
        // F(r) = (-r + tanh(W r + b)) / tau has dF/dr = (-I + diag(1 - tanh(m)^2) W) / tau.
        using var scope = NewDisposeScope();
        using var g = new Generator(7);
        const long n = 5, batch = 4;
        const double tau = 0.1;
        var w = randn([n, n], g, float64) / Math.Sqrt(n);
        var b = randn([n], g, float64) * 0.1;
        var r = randn([batch, n], g, float64);
        Tensor F(Tensor x) => (-x + (x.matmul(w.t()) + b).tanh()) / tau;

        var jacobian = autograd.batched_jacobian(F, r);
        Expect.Shape([batch, n, n], jacobian);

        var m = r.matmul(w.t()) + b;
        var fprime = 1 - m.tanh().square();                                 // [B, n]
        var expected = (-eye(n, dtype: float64) + fprime.unsqueeze(2) * w) / tau; // [B, n, n]
        Expect.Close(expected, jacobian, rtol: 1e-10, atol: 1e-10);
    }

    [Fact]
    public void BatchedJacobian_WithCreateGraph_IsDifferentiableInParameters()
    {
        using var scope = NewDisposeScope();
        var w = tensor(new[] { 2.0, 0, 0, 3 }, [2, 2], requires_grad: true);
        var x = tensor(new[] { 1.0, 1 }, [1, 2]);
        // f(x) = (W x)^2 element-wise, so J[k, i] = 2 (W x)_k W[k, i] and, at x = 1 where (W x)_k is
        // row sum s_k of W, sum(J) = 2 sum_k s_k^2 = 2 (2^2 + 3^2) = 26.
        var j = autograd.batched_jacobian(v => v.matmul(w.t()).square(), x, create_graph: true);
        Assert.Equal(26, j.sum().item<double>(), 10);
        j.sum().backward();
        // d sum(J) / d W[k, i] = 4 s_k: 8 across row 0, 12 across row 1.
        Expect.Values([8, 8, 12, 12], w.grad!);
    }
}
