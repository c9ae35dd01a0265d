using RnnLab.Torch.Tests.TestSupport;

namespace RnnLab.Torch.Tests;

public class TensorOpsTests
{
    private static Tensor M(double[] v, params long[] shape) => tensor(v, shape);

    [Fact]
    public void Arithmetic_MatchesHandComputedValues()
    {
        using var scope = NewDisposeScope();
        var a = M([1, 2, 3, 4], 2, 2);
        var b = M([5, 6, 7, 8], 2, 2);
        Expect.Values([6, 8, 10, 12], a + b);
        Expect.Values([-4, -4, -4, -4], a - b);
        Expect.Values([5, 12, 21, 32], a * b);
        Expect.Values([0.2, 2.0 / 6, 3.0 / 7, 0.5], a / b);
        Expect.Values([3, 4, 5, 6], a + 2);
        Expect.Values([1, 0, -1, -2], 2 - a);
        Expect.Values([2, 1, 2.0 / 3, 0.5], 2.0 / a);
        Expect.Values([19, 22, 43, 50], a.matmul(b));
        Expect.Values([19, 22, 43, 50], a.mm(b));
        Expect.Values([1 + 2 * 19, 1 + 2 * 22, 1 + 2 * 43, 1 + 2 * 50], ones([2, 2], float64).addmm(a, b, beta: 1, alpha: 2));
        Expect.Values([1, 3, 2, 4], a.t());
        Expect.Values([1, 4, 9, 16], a.pow(2));
        Expect.Values([-1, -2, -3, -4], -a);
    }

    [Fact]
    public void Broadcasting_RowAndColumnVectors()
    {
        using var scope = NewDisposeScope();
        var column = M([1, 2], 2, 1);
        var row = M([10, 20, 30], 1, 3);
        var sum = column + row;
        Expect.Shape([2, 3], sum);
        Expect.Values([11, 21, 31, 12, 22, 32], sum);
        var batch = ones([4, 2, 3], float64);
        var bias = M([1, 2, 3], 3);
        Expect.Shape([4, 2, 3], batch + bias);
    }

    [Fact]
    public void TypePromotion_FollowsTorchRules()
    {
        using var scope = NewDisposeScope();
        var ints = tensor(new long[] { 1, 2, 3 });
        Assert.Equal(int64, (ints + 1).dtype);
        Assert.Equal(float32, (ints + 1.5).dtype);
        Assert.Equal(float32, (ints / 2).dtype);
        Expect.Values([0.5, 1, 1.5], ints / 2);
        Assert.Equal(float64, (ones(2) + ones([2], float64)).dtype);
        Assert.Equal(float32, (ones(2) + ints.narrow(0, 0, 2)).dtype);
        Assert.Equal(ScalarType.Bool, (ints > 1).dtype);
        Assert.Equal([false, true, true], (ints > 1).ToArray<bool>());
    }

    [Fact]
    public void Activations_MatchClosedForms()
    {
        using var scope = NewDisposeScope();
        var x = M([-2, -0.5, 0.5, 3], 4);
        Expect.Values([0, 0, 0.5, 3], x.relu());
        Expect.Values([-0.2, -0.05, 0.5, 3], x.leaky_relu(0.1));
        Expect.Values([Math.Tanh(-2), Math.Tanh(-0.5), Math.Tanh(0.5), Math.Tanh(3)], x.tanh());
        Expect.Values(new double[] { -2, -0.5, 0.5, 3 }.Select(v => 1 / (1 + Math.Exp(-v))).ToArray(), x.sigmoid());
        Expect.Values(new double[] { -2, -0.5, 0.5, 3 }.Select(v => Math.Log(1 + Math.Exp(v))).ToArray(), x.softplus());
        Expect.Values(new double[] { -2, -0.5, 0.5, 3 }.Select(Math.Exp).ToArray(), x.exp());
        Expect.Values([2, 0.5, 0.5, 3], x.abs());
        Expect.Values([Math.Log(2), Math.Log(0.5)], M([2, 0.5], 2).log());
        Expect.Values([2, 3], M([4, 9], 2).sqrt());
        Expect.Values([-1, -0.5, 0.5, 1], x.clamp(-1, 1));
        Expect.Values([-2, -0.5, 0.5, 1], x.clamp(max: 1));
        Expect.Values([10, 10, 0.5, 3], where(x > 0, x, full([4], 10.0, float64)));
    }

    [Fact]
    public void Reductions_WholeAndByDimension()
    {
        using var scope = NewDisposeScope();
        var a = M([1, 2, 3, 4, 5, 6], 2, 3);
        Assert.Equal(21, a.sum().item<double>());
        Assert.Equal(3.5, a.mean().item<double>());
        Assert.Equal(6, a.max().item<double>());
        Assert.Equal(1, a.min().item<double>());
        Expect.Values([5, 7, 9], a.sum(0));
        Expect.Values([6, 15], a.sum(1));
        Expect.Shape([2, 1], a.sum(1, keepdim: true));
        Expect.Values([2, 5], a.mean(1));
        var (values, indexes) = a.max(1);
        Expect.Values([3, 6], values);
        Assert.Equal([2L, 2L], indexes.ToArray<long>());
        var (minValues, _) = a.min(0);
        Expect.Values([1, 2, 3], minValues);
        Assert.Equal(Math.Sqrt(91), a.norm().item<double>(), 12);
        Expect.Values([Math.Sqrt(14), Math.Sqrt(77)], a.norm(2, 1));
        Expect.Values([6, 15], a.norm(1, 1));
        Expect.Values([1, 3, 6, 10, 15, 21], a.reshape(6).cumsum(0));
        Expect.Values([4.5, 4.5, 4.5], a.var([0]), 1e-12);
    }

    [Fact]
    public void ShapeOps_ProduceExpectedLayouts()
    {
        using var scope = NewDisposeScope();
        var a = arange(0, 6, 1, float64).reshape(2, 3);
        Expect.Values([0, 3, 1, 4, 2, 5], a.transpose(0, 1).contiguous());
        Expect.Shape([3, 2], a.permute(1, 0));
        Expect.Shape([1, 2, 3], a.unsqueeze(0));
        Expect.Shape([2, 3], a.unsqueeze(0).squeeze());
        Expect.Shape([2, 1, 3], a.unsqueeze(1));
        Expect.Shape([4, 2, 3], a.unsqueeze(0).expand(4, 2, 3));
        Expect.Values([1, 2, 4, 5], a.narrow(1, 1, 2));
        Expect.Values([3, 4, 5], a.select(0, 1));
        Expect.Values([2, 0], a.select(0, 0).index_select(0, tensor(new long[] { 2, 0 })));
        Expect.Values([0, 1, 2, 3, 4, 5, 0, 1, 2, 3, 4, 5], cat([a, a], 0));
        Expect.Shape([2, 6], cat([a, a], 1));
        Expect.Shape([2, 2, 3], stack([a, a], 0));
        var parts = arange(0, 5, 1, float64).split(2);
        Assert.Equal(3, parts.Length);
        Expect.Values([4], parts[2]);
        Expect.Values([0, 4], a.narrow(1, 0, 2).reshape(2, 2).diag());
        Expect.Values([1, 0, 0, 2], M([1, 2], 2).diag());
        Expect.Shape([5, 2, 2], ones([5, 2], float64).diag_embed());
        var sq = arange(1, 10, 1, float64).reshape(3, 3);
        Expect.Values([1, 0, 0, 4, 5, 0, 7, 8, 9], sq.tril());
        Expect.Values([1, 2, 3, 0, 5, 6, 0, 0, 9], sq.triu());
        Expect.Values([0, 2, 3, 4, 0, 6, 7, 8, 0], sq.clone().fill_diagonal_(0));
        Expect.Values([0, 1, 2, 3, 4, 5], arange(0, 6, 1, float64).flip(0).flip(0));
    }

    [Fact]
    public void Views_ShareStorage_CopiesDoNot()
    {
        using var scope = NewDisposeScope();
        var a = zeros([3, 3], float64);
        var row = a.select(0, 1);
        row.fill_(7);
        Expect.Values([0, 0, 0, 7, 7, 7, 0, 0, 0], a);
        Assert.Equal(a.StorageId, row.StorageId);
        Assert.NotEqual(a.StorageId, a.clone().StorageId);
    }

    [Fact]
    public void InPlaceOps_UpdateTheirTarget()
    {
        using var scope = NewDisposeScope();
        var x = M([1, 2], 2);
        x.add_(M([1, 1], 2), alpha: 2);
        Expect.Values([3, 4], x);
        x.mul_(2);
        Expect.Values([6, 8], x);
        x.addcmul_(M([1, 2], 2), M([3, 4], 2), value: 0.5);
        Expect.Values([7.5, 12], x);
        x.addcdiv_(M([3, 4], 2), M([1, 2], 2), value: 2);
        Expect.Values([13.5, 16], x);
        x.copy_(M([1, 1], 2));
        Expect.Values([1, 1], x);
        x.zero_();
        Expect.Values([0, 0], x);
    }

    [Fact]
    public void Factories_AndDataRoundTrip()
    {
        using var scope = NewDisposeScope();
        Expect.Values([0, 0.25, 0.5, 0.75, 1], linspace(0, 1, 5, float64));
        Expect.Values([1, 0, 0, 1], eye(2, dtype: float64));
        Expect.Values([2.5, 2.5], full([2], 2.5, float64));
        Assert.Equal([0L, 1L, 2L], arange(3).ToArray<long>());
        var data = new float[] { 1.5f, -2f, 3.25f, 0f, 5f, 6f };
        var t = tensor(data, [3, 2]);
        Assert.Equal(float32, t.dtype);
        Assert.Equal(data, t.ToArray<float>());
        Assert.Equal(data.Select(v => (double)v).ToArray(), t.to(float64).ToArray<double>());
        Assert.Equal(3.25, t[1, 0].item<double>());
        Assert.Equal(new byte[] { 1, 255 }, tensor(new byte[] { 1, 255 }).ToArray<byte>());
        Assert.Equal(new[] { true, false }, tensor(new[] { true, false }).ToArray<bool>());
        Assert.Throws<InvalidOperationException>(() => t.ToArray<double>());
        Assert.Throws<ArgumentException>(() => tensor(data, [4, 2]));
    }

    [Fact]
    public void Indexing_PythonStyle()
    {
        using var scope = NewDisposeScope();
        var a = arange(0, 24, 1, float64).reshape(2, 3, 4);
        Expect.Shape([3, 4], a[1]);
        Expect.Values([12, 13, 14, 15], a[1, 0]);
        Expect.Values([1, 5, 9], a[0, .., 1]);
        Expect.Values([1, 5, 9, 13, 17, 21], a[TensorIndex.Ellipsis, 1]);
        Expect.Shape([2, 2, 4], a[.., 1..3]);
        Expect.Values([20, 21, 22, 23], a[^1, ^1]);
        Expect.Shape([2, 1, 3, 4], a[.., TensorIndex.None]);
        Expect.Values([0, 2], a[0, 0, TensorIndex.Slice(0, 4, 2)]);
        Expect.Values([3, 1], a[0, 0, tensor(new long[] { 3, 1 })]);
        a[0, 0] = zeros([4], float64);
        Expect.Values([0, 0, 0, 0], a[0, 0]);
        Assert.Throws<ArgumentException>(() => a[0, 0, 0, 0]);
    }

    [Fact]
    public void ComplexResults_ReadAsRealAndImaginaryParts()
    {
        using var scope = NewDisposeScope();
        var z = complex(M([1, 0], 2), M([2, -1], 2));
        Assert.Equal(complex128, z.dtype);
        Expect.Values([1, 0], z.real);
        Expect.Values([2, -1], z.imag);
        Expect.Values([Math.Sqrt(5), 1], z.abs());
        Expect.Values([-2, 1], z.conj().imag);
    }
}
