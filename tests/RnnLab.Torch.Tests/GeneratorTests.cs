namespace RnnLab.Torch.Tests;

public class GeneratorTests
{
    [Fact]
    public void SameSeed_GivesSameDraws_DifferentSeedsDiffer()
    {
        using var scope = NewDisposeScope();
        using var g1 = new Generator(42);
        using var g2 = new Generator(42);
        using var g3 = new Generator(43);
        Assert.True(randn([100], g1).equal(randn([100], g2)));
        Assert.False(randn([100], g1).equal(randn([100], g3)));
        Assert.Equal(42UL, g2.initial_seed());
    }

    [Fact]
    public void StateRoundTrip_ReproducesTheSameDraws()
    {
        using var scope = NewDisposeScope();
        using var g = new Generator(5);
        _ = randn([17], g);
        var state = g.GetStateBytes();
        var first = cat([randn([50], g), rand([50], g), randint(0, 10, [50], g).to(float32)]);
        using var restored = new Generator(999).SetStateBytes(state);
        var second = cat([randn([50], restored), rand([50], restored), randint(0, 10, [50], restored).to(float32)]);
        Assert.True(first.equal(second));
        g.SetStateBytes(state);
        Assert.True(randn([50], g).equal(first.narrow(0, 0, 50)));
    }

    [Fact]
    public void ManualSeed_Resets()
    {
        using var scope = NewDisposeScope();
        using var g = new Generator(1);
        var a = rand([10], g);
        g.manual_seed(1);
        Assert.True(rand([10], g).equal(a));
    }

    [Fact]
    public void Draws_HaveTheRightDistribution()
    {
        using var scope = NewDisposeScope();
        using var g = new Generator(8);
        var n = randn([200_000], g, float64);
        Assert.Equal(0, n.mean().item<double>(), 1);
        Assert.InRange(n.std([0]).item<double>(), 0.99, 1.01);
        var u = rand([200_000], g, float64);
        Assert.InRange(u.min().item<double>(), 0, 0.001);
        Assert.InRange(u.mean().item<double>(), 0.495, 0.505);
        var p = randperm(10, g).ToArray<long>().Order();
        Assert.Equal(Enumerable.Range(0, 10).Select(i => (long)i), p);
        var z = zeros([1000], float64).normal_(3, 0.5, g);
        Assert.InRange(z.mean().item<double>(), 2.95, 3.05);
        var b = bernoulli(full([10_000], 0.25, float64), g);
        Assert.InRange(b.mean().item<double>(), 0.23, 0.27);
    }
}
