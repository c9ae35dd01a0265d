using TorchSharp;
using RnnLab.Analysis.Dca;

namespace RnnLab.Analysis.Tests.Dca;

/// <summary>The DCA view: an orthonormal 3-D basis, and projections centred on the trajectories' mean.</summary>
public class DcaViewTests
{
    [Fact]
    public void ItProjectsCentredStatesOntoAnOrthonormalBasis()
    {
        using var scope = NewDisposeScope();
        using var g = new Generator(4);
        var rates = randn([30, 4, 6], float64, generator: g).cumsum(0) * 0.1;   // slow random walks: predictable

        var view = DcaView.Fit(rates, new DcaOptions { Dimensions = 3, Window = 3, Iterations = 100, Restarts = 2 }, g);

        var basis = tensor(view.Columns.SelectMany(c => c).ToArray(), [3, 6]);
        Assert.True(basis.matmul(basis.t()).allclose(eye(3, dtype: float64), rtol: 0, atol: 1e-9));
        Assert.Equal(rates.mean([0, 1]).ToArray<double>(), view.Mean, (a, b) => Math.Abs(a - b) < 1e-12);
        var state = rates[5, 2];
        var expected = (state - rates.mean([0, 1])).matmul(basis.t());
        Assert.True(view.Project(state).allclose(expected, rtol: 0, atol: 1e-12));
        Assert.True(view.Information > 0);
    }
}
