using RnnLab.Torch.Tests.TestSupport;

namespace RnnLab.Torch.Tests;

public class ModuleTests
{
    private sealed class Affine : nn.Module<Tensor, Tensor>
    {
        private readonly nn.Parameter weight;
        private readonly nn.Parameter bias;
        private readonly Tensor mask;

        public Affine(long n, Generator g) : base(nameof(Affine))
        {
            using (NewDisposeScope())
            {
                weight = new nn.Parameter(randn([n, n], g, float64));
                bias = new nn.Parameter(zeros([n], float64));
                mask = ones([n, n], float64).DetachFromDisposeScope();
            }
            RegisterComponents();
        }

        public override Tensor forward(Tensor x) => x.matmul((weight * mask).t()) + bias;
    }

    private sealed class Stack2 : nn.Module<Tensor, Tensor>
    {
        private readonly Affine first;
        private readonly Affine second;

        public Stack2(Generator g) : base(nameof(Stack2))
        {
            first = new Affine(3, g);
            second = new Affine(3, g);
            RegisterComponents();
        }

        public override Tensor forward(Tensor x) => second.forward(first.forward(x).tanh());
    }

    [Fact]
    public void NamedParametersAndBuffers_AreDottedAndOrdered()
    {
        using var g = new Generator(1);
        using var m = new Stack2(g);
        Assert.Equal(["first.weight", "first.bias", "second.weight", "second.bias"], m.named_parameters().Select(p => p.name));
        Assert.Equal(["first.mask", "second.mask"], m.named_buffers().Select(b => b.name));
        Assert.Equal(6, m.state_dict().Count);
        Assert.All(m.parameters(), p => Assert.True(p.requires_grad && p.is_leaf));
    }

    [Fact]
    public void LoadStateDict_CopiesValues_AndRejectsMismatches()
    {
        using var scope = NewDisposeScope();
        using var g = new Generator(2);
        using var a = new Stack2(g);
        using var b = new Stack2(g);
        var x = randn([4, 3], g, float64);
        Assert.False(a.forward(x).allclose(b.forward(x)));
        b.load_state_dict(a.state_dict());
        Expect.Close(a.forward(x), b.forward(x), atol: 0);

        var bad = a.state_dict();
        bad["first.bias"] = zeros([4], float64);
        Assert.Contains("first.bias", Assert.Throws<ArgumentException>(() => b.load_state_dict(bad)).Message);
        var extra = a.state_dict();
        extra["third.weight"] = zeros([1], float64);
        Assert.Contains("unexpected [third.weight]", Assert.Throws<ArgumentException>(() => b.load_state_dict(extra)).Message);
        var (missing, unexpected) = b.load_state_dict(extra, strict: false);
        Assert.Empty(missing);
        Assert.Equal(["third.weight"], unexpected);
    }

    [Fact]
    public void TrainEval_PropagatesToSubmodules()
    {
        using var g = new Generator(3);
        using var m = new Stack2(g);
        m.eval();
        Assert.False(m.training);
        Assert.All(m.named_children(), c => Assert.False(c.module.training));
        m.train();
        Assert.True(m.named_children().All(c => c.module.training));
    }

    [Fact]
    public void To_ConvertsParametersInPlace_KeepingIdentity()
    {
        using var scope = NewDisposeScope();
        using var g = new Generator(4);
        using var m = new Stack2(g);
        var before = m.parameters().First();
        m.to(float32);
        Assert.Same(before, m.parameters().First());
        Assert.All(m.parameters(), p => Assert.Equal(float32, p.dtype));
        Assert.True(before.requires_grad);
    }

    [Fact]
    public void Gradients_FlowToEveryParameter_AndZeroGradClears()
    {
        using var scope = NewDisposeScope();
        using var g = new Generator(5);
        using var m = new Stack2(g);
        m.forward(randn([2, 3], g, float64)).sum().backward();
        Assert.All(m.parameters(), p => Assert.NotNull(p.grad));
        m.zero_grad();
        Assert.All(m.parameters(), p => Assert.Null(p.grad));
    }
}
