using RnnLab.Torch.Tests.TestSupport;

namespace RnnLab.Torch.Tests;

/// <summary>Autograd against central finite differences in float64, for every differentiable op the binding exposes.</summary>
public class GradientCheckTests
{
    // Inputs are kept away from kinks (relu, abs, clamp at 0 / bounds) so finite differences are valid.
    private static Tensor A() => tensor(new[] { 0.3, -0.7, 1.1, 0.45, -1.3, 0.8 }, [2, 3]);
    private static Tensor B() => tensor(new[] { -0.2, 0.9, 0.35, 1.4, -0.6, 0.15 }, [2, 3]);
    private static Tensor Positive() => tensor(new[] { 0.3, 0.7, 1.1, 0.45, 1.3, 0.8 }, [2, 3]);
    private static Tensor Square() => tensor(new[] { 2.0, 0.3, -0.4, 0.5, 1.7, 0.2, -0.1, 0.6, 2.4 }, [3, 3]);
    private static Tensor Spd() => tensor(new[] { 4.0, 1.0, 0.5, 1.0, 3.0, 0.2, 0.5, 0.2, 2.0 }, [3, 3]);
    private static Tensor Batch() => tensor(Enumerable.Range(0, 12).Select(i => Math.Sin(i + 1.0)).ToArray(), [2, 2, 3]);
    private static Tensor BatchT() => tensor(Enumerable.Range(0, 12).Select(i => Math.Cos(i + 0.5)).ToArray(), [2, 3, 2]);

    public static TheoryData<string> Ops => new(Cases.Keys);

    private static readonly Dictionary<string, (Func<Tensor[], Tensor> f, Func<Tensor[]> inputs)> Cases = new()
    {
        ["add"] = (x => x[0].add(x[1], 2.0), () => [A(), B()]),
        ["sub"] = (x => x[0] - x[1], () => [A(), B()]),
        ["mul"] = (x => x[0] * x[1], () => [A(), B()]),
        ["div"] = (x => x[0] / x[1], () => [A(), Positive()]),
        ["scalar ops"] = (x => (2.0 - x[0]) * 3 + x[0] / 4 - 1.5 / x[1], () => [A(), Positive()]),
        ["neg"] = (x => -x[0], () => [A()]),
        ["pow tensor"] = (x => x[0].pow(x[1]), () => [Positive(), B()]),
        ["pow scalar"] = (x => x[0].pow(3), () => [A()]),
        ["square"] = (x => x[0].square(), () => [A()]),
        ["matmul"] = (x => x[0].matmul(x[1].t()), () => [A(), B()]),
        ["mm"] = (x => x[0].mm(x[1]), () => [Square(), Spd()]),
        ["bmm"] = (x => x[0].bmm(x[1]), () => [Batch(), BatchT()]),
        ["addmm"] = (x => x[2].addmm(x[0], x[1].t(), 0.5, 2.0), () => [A(), B(), tensor(new[] { 0.1, 0.2, 0.3, 0.4 }, [2, 2])]),
        ["t"] = (x => x[0].t() * x[1].t(), () => [A(), B()]),
        ["transpose"] = (x => x[0].transpose(0, 2), () => [Batch()]),
        ["permute"] = (x => x[0].permute(2, 0, 1), () => [Batch()]),
        ["reshape"] = (x => x[0].reshape(3, 2) * x[1].reshape(3, 2), () => [A(), B()]),
        ["unsqueeze expand"] = (x => x[0].unsqueeze(0).expand(4, 2, 3), () => [A()]),
        ["squeeze"] = (x => x[0].unsqueeze(1).squeeze(), () => [A()]),
        ["narrow"] = (x => x[0].narrow(1, 1, 2), () => [A()]),
        ["select"] = (x => x[0].select(1, 2), () => [A()]),
        ["index_select"] = (x => x[0].index_select(1, tensor(new long[] { 2, 0, 2 })), () => [A()]),
        ["slice"] = (x => x[0][.., 1..], () => [A()]),
        ["cat"] = (x => cat([x[0], x[1]], 1), () => [A(), B()]),
        ["stack"] = (x => stack([x[0], x[1]], 0), () => [A(), B()]),
        ["split"] = (x => x[0].split(2, 1)[0] * 2 + x[0].split(2, 1)[1].sum(), () => [A()]),
        ["relu"] = (x => x[0].relu(), () => [A()]),
        ["leaky_relu"] = (x => x[0].leaky_relu(0.2), () => [A()]),
        ["tanh"] = (x => x[0].tanh(), () => [A()]),
        ["sigmoid"] = (x => x[0].sigmoid(), () => [A()]),
        ["softplus"] = (x => x[0].softplus(2, 20), () => [A()]),
        ["exp"] = (x => x[0].exp(), () => [A()]),
        ["log"] = (x => x[0].log(), () => [Positive()]),
        ["sqrt"] = (x => x[0].sqrt(), () => [Positive()]),
        ["abs"] = (x => x[0].abs(), () => [A()]),
        ["clamp"] = (x => x[0].clamp(-0.5, 1.0), () => [A()]),
        ["where"] = (x => where(x[0] > 0, x[0], x[1]), () => [A(), B()]),
        ["sum"] = (x => x[0].sum(), () => [A()]),
        ["sum dim"] = (x => x[0].sum(1), () => [A()]),
        ["mean"] = (x => x[0].mean(), () => [A()]),
        ["mean dim"] = (x => x[0].mean(0, keepdim: true), () => [A()]),
        ["max"] = (x => x[0].max(), () => [A()]),
        ["min"] = (x => x[0].min(), () => [A()]),
        ["max dim"] = (x => x[0].max(1).values, () => [A()]),
        ["norm"] = (x => x[0].norm(), () => [A()]),
        ["norm dim"] = (x => x[0].norm(2, 0), () => [A()]),
        ["diag"] = (x => x[0].diag(), () => [Square()]),
        ["diag_embed"] = (x => x[0].diag_embed(), () => [A()]),
        ["tril triu"] = (x => x[0].tril() + x[0].triu(1) * 3, () => [Square()]),
        ["linalg.inv"] = (x => linalg.inv(x[0]), () => [Square()]),
        ["linalg.solve"] = (x => linalg.solve(x[0], x[1]), () => [Square(), A().t()]),
        ["linalg.det"] = (x => linalg.det(x[0]), () => [Square()]),
        ["linalg.slogdet"] = (x => linalg.slogdet(x[0]).logabsdet, () => [Square()]),
        ["linalg.eigvalsh"] = (x => linalg.eigvalsh(x[0] + x[0].t()), () => [Spd()]),
        ["linalg.svdvals"] = (x => linalg.svdvals(x[0]), () => [Square()]),
        ["linalg.cholesky"] = (x => linalg.cholesky(x[0].matmul(x[0].t()) + eye(3, dtype: float64)), () => [Square()]),
        ["linalg.matrix_exp"] = (x => linalg.matrix_exp(x[0] * 0.5), () => [Square()]),
        ["linalg.pinv"] = (x => linalg.pinv(x[0]), () => [A()]),
        ["linalg.matrix_norm"] = (x => linalg.matrix_norm(x[0]), () => [A()]),
    };

    [Theory]
    [MemberData(nameof(Ops))]
    public void Gradient_MatchesCentralFiniteDifferences(string op)
    {
        using var scope = NewDisposeScope();
        var (f, inputs) = Cases[op];
        GradCheck.Check(f, inputs(), tolerance: 1e-5);
    }
}
