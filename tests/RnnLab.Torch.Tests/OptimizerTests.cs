using RnnLab.Torch.Modules;
using RnnLab.Torch.Tests.TestSupport;

namespace RnnLab.Torch.Tests;

public class OptimizerTests
{
    private static nn.Parameter Param(params double[] values) => new(tensor(values));

    private static void SetGrad(nn.Parameter p, params double[] g) => p.grad = tensor(g);

    [Fact]
    public void Adam_FirstStep_MovesEachWeightByLrTimesSignOfGradient()
    {
        // With zero moments, bias correction makes m_hat = g and v_hat = g^2: the step is lr g / (|g| + eps).
        using var scope = NewDisposeScope();
        var p = Param(1.0, -2.0, 0.5);
        using var adam = optim.Adam([p], lr: 0.1, eps: 1e-8);
        SetGrad(p, 3.0, -0.01, 1e-3);
        adam.step();
        Expect.Values([1.0 - 0.1 * 3 / (3 + 1e-8), -2.0 + 0.1 * 0.01 / (0.01 + 1e-8), 0.5 - 0.1 * 1e-3 / (1e-3 + 1e-8)], p, 1e-12);
    }

    [Fact]
    public void Adam_ThreeSteps_MatchTheClosedFormRecursion()
    {
        using var scope = NewDisposeScope();
        double lr = 0.01, b1 = 0.8, b2 = 0.9, eps = 1e-6, wd = 0.1;
        var p = Param(0.7);
        using var adam = optim.Adam([p], lr, b1, b2, eps, weight_decay: wd);
        double x = 0.7, m = 0, v = 0;
        double[] grads = [0.5, -1.5, 0.25];
        for (var t = 1; t <= grads.Length; t++)
        {
            SetGrad(p, grads[t - 1]);
            adam.step();
            var g = grads[t - 1] + wd * x;
            m = b1 * m + (1 - b1) * g;
            v = b2 * v + (1 - b2) * g * g;
            x -= lr / (1 - Math.Pow(b1, t)) * m / (Math.Sqrt(v) / Math.Sqrt(1 - Math.Pow(b2, t)) + eps);
            Assert.Equal(x, p.item<double>(), 12);
        }
        Assert.Equal(3, adam.StepCount(0));
    }

    [Fact]
    public void Adam_Amsgrad_UsesTheRunningMaximumOfV()
    {
        using var scope = NewDisposeScope();
        double lr = 0.1, b1 = 0.9, b2 = 0.999, eps = 1e-8;
        var p = Param(0.0);
        using var adam = optim.Adam([p], lr, b1, b2, eps, amsgrad: true);
        double x = 0, m = 0, v = 0, vmax = 0;
        double[] grads = [2.0, 0.1];
        for (var t = 1; t <= 2; t++)
        {
            SetGrad(p, grads[t - 1]);
            adam.step();
            var g = grads[t - 1];
            m = b1 * m + (1 - b1) * g;
            v = b2 * v + (1 - b2) * g * g;
            vmax = Math.Max(vmax, v);
            x -= lr / (1 - Math.Pow(b1, t)) * m / (Math.Sqrt(vmax) / Math.Sqrt(1 - Math.Pow(b2, t)) + eps);
            Assert.Equal(x, p.item<double>(), 12);
        }
    }

    [Fact]
    public void Sgd_WithMomentumAndNesterov_MatchesTheRecursion()
    {
        using var scope = NewDisposeScope();
        var p = Param(1.0);
        using var sgd = optim.SGD([p], lr: 0.1, momentum: 0.9, nesterov: true);
        double x = 1, b = 0;
        double[] grads = [1.0, 0.5, -0.25];
        for (var t = 0; t < grads.Length; t++)
        {
            SetGrad(p, grads[t]);
            sgd.step();
            b = t == 0 ? grads[t] : 0.9 * b + grads[t];
            x -= 0.1 * (grads[t] + 0.9 * b);
            Assert.Equal(x, p.item<double>(), 12);
        }
    }

    [Fact]
    public void Adam_StateDict_ResumesExactly()
    {
        // Run A: 6 steps straight. Run B: 3 steps, save state, new optimizer, load, 3 more steps.
        using var scope = NewDisposeScope();
        double[] Grad(int t) => [Math.Sin(t), Math.Cos(2 * t), 0.1 * t];

        var pa = Param(0.1, 0.2, 0.3);
        using (var a = optim.Adam([pa], lr: 0.05, amsgrad: true))
            for (var t = 0; t < 6; t++) { SetGrad(pa, Grad(t)); a.step(); }

        var pb = Param(0.1, 0.2, 0.3);
        Dictionary<string, Tensor> saved;
        using (var b1 = optim.Adam([pb], lr: 0.05, amsgrad: true))
        {
            for (var t = 0; t < 3; t++) { SetGrad(pb, Grad(t)); b1.step(); }
            saved = b1.state_dict();
        }
        Assert.Equal(3, saved["state.0.step"].item<long>());
        using (var b2 = optim.Adam([pb], lr: 0.999))
        {
            b2.load_state_dict(saved);
            Assert.Equal(0.05, b2.lr);
            Assert.True(b2.Amsgrad);
            for (var t = 3; t < 6; t++) { SetGrad(pb, Grad(t)); b2.step(); }
        }
        Assert.True(pa.equal(pb));
    }

    [Fact]
    public void LoadStateDict_RejectsStateOfAnotherShape_AndChangesNothing()
    {
        using var scope = NewDisposeScope();
        var p = Param(1, 2);
        using var adam = optim.Adam([p]);
        var state = new Dictionary<string, Tensor>
        {
            ["hyper.lr"] = tensor(0.5), ["hyper.beta1"] = tensor(0.9), ["hyper.beta2"] = tensor(0.999),
            ["hyper.eps"] = tensor(1e-8), ["hyper.weight_decay"] = tensor(0.0), ["hyper.amsgrad"] = tensor(0.0),
            ["state.0.step"] = tensor(1, int64), ["state.0.exp_avg"] = zeros([3], float64), ["state.0.exp_avg_sq"] = zeros([3], float64),
        };
        var e = Assert.Throws<ArgumentException>(() => adam.load_state_dict(state));
        Assert.Contains("state.0.exp_avg", e.Message);
        Assert.Equal(1e-3, adam.lr);
        Assert.Equal(0, adam.StepCount(0));
    }

    [Fact]
    public void ClipGradNorm_ScalesToMaxNorm_AndReturnsTheOriginalNorm()
    {
        using var scope = NewDisposeScope();
        var a = Param(0, 0);
        var b = Param(0);
        SetGrad(a, 3, 0);
        SetGrad(b, 4);
        var norm = nn.utils.clip_grad_norm_([a, b], 1.0);
        Assert.Equal(5, norm, 12);
        Expect.Values([0.6, 0], a.grad!, 1e-6);
        Expect.Values([0.8], b.grad!, 1e-6);
        Assert.Equal(1.0, nn.utils.clip_grad_norm_([a, b], 10.0), 5);
        Expect.Values([0.8], b.grad!, 1e-6);
    }
}
