using RnnLab.Analysis.Dynamics;
using RnnLab.Models;

namespace RnnLab.Analysis.Tests.Dynamics;

public class JacobianTests
{
    [Theory]
    [InlineData(Activation.Relu)]
    [InlineData(Activation.Tanh)]
    [InlineData(Activation.LeakyRelu)]
    [InlineData(Activation.Softplus)]
    public void AutogradJacobian_EqualsTheClosedForm_AtRandomPoints(Activation activation)
    {
        // dF_k/dr_i = (-delta_ki + f'(m_k) W_rec[k, i]) / tau (seed 002, section 6.1.2, writes +delta: an erratum).
        using var scope = NewDisposeScope();
        var options = new ModelOptions { Units = 7, Activation = activation, LeakyReluAngle = activation == Activation.LeakyRelu ? 0.4 : 0, NoiseStd = 0 };
        using var model = Networks.Random(options, inputs: 2);
        using var g = new Generator(21);
        var r = randn([5, 7], float64, generator: g);
        var u = randn([5, 2], float64, generator: g);
        var jacobian = Linearizer.StateJacobian(new RateRnnVectorField(model), r, u);

        var w = model.EffectiveRecurrentWeights()[0];
        var state = model.StateOf(0);
        var m = r.matmul(w.t()) + u.matmul(state["W_in"].t()) + state["b"];
        var fprime = activation switch
        {
            Activation.Relu => (m > 0).to(float64),
            Activation.Tanh => 1 - m.tanh().square(),
            Activation.LeakyRelu => where(m > 0, ones_like(m), full(m.shape, Math.Tan(0.4), float64)),
            _ => m.sigmoid(),
        };
        var expected = (fprime.unsqueeze(2) * w - eye(7, dtype: float64)) / 100;
        Assert.True(expected.allclose(jacobian, rtol: 1e-12, atol: 1e-15));

        var inputJacobian = Linearizer.InputJacobian(new RateRnnVectorField(model), r, u);
        Assert.True((fprime.unsqueeze(2) * state["W_in"] / 100).allclose(inputJacobian, rtol: 1e-12, atol: 1e-15));
    }
}
