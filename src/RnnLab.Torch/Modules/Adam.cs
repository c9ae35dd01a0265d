namespace RnnLab.Torch.Modules;

using static torch;

/// <summary>
/// Adam (Kingma and Ba 2015) with PyTorch's update: g += weight_decay p; m = b1 m + (1-b1) g;
/// v = b2 v + (1-b2) g^2; p -= lr/(1-b1^t) * m / (sqrt(v_hat)/sqrt(1-b2^t) + eps), where v_hat is v
/// or, with AMSGrad, the running maximum of v.
/// </summary>
public sealed class Adam : Optimizer
{
    private readonly long[] _steps;
    private readonly Tensor?[] _expAvg;
    private readonly Tensor?[] _expAvgSq;
    private readonly Tensor?[] _maxExpAvgSq;

    internal Adam(IEnumerable<nn.Parameter> parameters, double lr, double beta1, double beta2, double eps, double weightDecay, bool amsgrad)
        : base(parameters, lr)
    {
        if (!(beta1 >= 0 && beta1 < 1)) throw new ArgumentOutOfRangeException(nameof(beta1), beta1, "must be in [0, 1)");
        if (!(beta2 >= 0 && beta2 < 1)) throw new ArgumentOutOfRangeException(nameof(beta2), beta2, "must be in [0, 1)");
        if (!(eps >= 0)) throw new ArgumentOutOfRangeException(nameof(eps), eps, "must be non-negative");
        if (!(weightDecay >= 0)) throw new ArgumentOutOfRangeException(nameof(weightDecay), weightDecay, "must be non-negative");
        Beta1 = beta1;
        Beta2 = beta2;
        Eps = eps;
        WeightDecay = weightDecay;
        Amsgrad = amsgrad;
        var n = Parameters.Count;
        _steps = new long[n];
        _expAvg = new Tensor?[n];
        _expAvgSq = new Tensor?[n];
        _maxExpAvgSq = new Tensor?[n];
    }

    /// <summary>Decay of the first moment.</summary>
    public double Beta1 { get; private set; }
    /// <summary>Decay of the second moment.</summary>
    public double Beta2 { get; private set; }
    /// <summary>Added to the denominator for stability.</summary>
    public double Eps { get; private set; }
    /// <summary>L2 penalty coefficient added to the gradient.</summary>
    public double WeightDecay { get; private set; }
    /// <summary>Whether the AMSGrad variant is used.</summary>
    public bool Amsgrad { get; private set; }

    /// <summary>Number of updates applied to parameter i.</summary>
    public long StepCount(int index) => _steps[index];

    /// <inheritdoc />
    public override void step()
    {
        using var scope = NewDisposeScope();
        using var _ = no_grad();
        for (var i = 0; i < Parameters.Count; i++)
        {
            var p = Parameters[i];
            var g = p.grad;
            if (g is null) continue;
            if (WeightDecay != 0) g = g.add(p, WeightDecay);
            var m = _expAvg[i] ??= zeros_like(p).DetachFromDisposeScope();
            var v = _expAvgSq[i] ??= zeros_like(p).DetachFromDisposeScope();
            var t = ++_steps[i];
            m.mul_(Beta1).add_(g, 1 - Beta1);
            v.mul_(Beta2).addcmul_(g, g, 1 - Beta2);
            var biasCorrection1 = 1 - Math.Pow(Beta1, t);
            var biasCorrection2 = 1 - Math.Pow(Beta2, t);
            Tensor secondMoment = v;
            if (Amsgrad)
            {
                var vmax = _maxExpAvgSq[i] ??= zeros_like(p).DetachFromDisposeScope();
                vmax.maximum_(v);
                secondMoment = vmax;
            }
            var denominator = secondMoment.sqrt().div_(Math.Sqrt(biasCorrection2)).add_(Eps);
            p.addcdiv_(m, denominator, -lr / biasCorrection1);
        }
    }

    /// <inheritdoc />
    protected override IEnumerable<(string name, double value)> Hyperparameters() =>
    [
        ("lr", lr), ("beta1", Beta1), ("beta2", Beta2), ("eps", Eps), ("weight_decay", WeightDecay), ("amsgrad", Amsgrad ? 1 : 0),
    ];

    /// <inheritdoc />
    protected override void SetHyperparameter(string name, double value)
    {
        switch (name)
        {
            case "lr": lr = value; break;
            case "beta1": Beta1 = value; break;
            case "beta2": Beta2 = value; break;
            case "eps": Eps = value; break;
            case "weight_decay": WeightDecay = value; break;
            case "amsgrad": Amsgrad = value != 0; break;
        }
    }

    /// <inheritdoc />
    protected override IEnumerable<(string name, Tensor value)> ParameterState(int index)
    {
        if (_steps[index] == 0) yield break;
        yield return ("step", tensor(_steps[index], int64));
        yield return ("exp_avg", _expAvg[index]!.clone());
        yield return ("exp_avg_sq", _expAvgSq[index]!.clone());
        if (_maxExpAvgSq[index] is { } vmax) yield return ("max_exp_avg_sq", vmax.clone());
    }

    /// <inheritdoc />
    protected override void ValidateParameterState(IReadOnlyDictionary<string, Tensor> state)
    {
        for (var i = 0; i < Parameters.Count; i++)
        {
            var hasStep = state.ContainsKey($"state.{i}.step");
            foreach (var name in new[] { "exp_avg", "exp_avg_sq" })
                if (hasStep != state.ContainsKey($"state.{i}.{name}"))
                    throw new ArgumentException($"Adam state for parameter {i} is incomplete: 'step' and '{name}' must come together.", nameof(state));
            foreach (var name in new[] { "exp_avg", "exp_avg_sq", "max_exp_avg_sq" }) CheckShape(state, $"state.{i}.{name}", i);
            foreach (var key in state.Keys.Where(k => k.StartsWith($"state.{i}.", StringComparison.Ordinal)))
                if (key.Split('.')[2] is not ("step" or "exp_avg" or "exp_avg_sq" or "max_exp_avg_sq"))
                    throw new ArgumentException($"Adam state has an unknown entry '{key}'.", nameof(state));
        }
    }

    /// <inheritdoc />
    protected override void LoadParameterState(IReadOnlyDictionary<string, Tensor> state)
    {
        DisposeState();
        for (var i = 0; i < Parameters.Count; i++)
        {
            _steps[i] = state.TryGetValue($"state.{i}.step", out var s) ? s.item<long>() : 0;
            if (_steps[i] == 0) continue;
            _expAvg[i] = Adopt(state[$"state.{i}.exp_avg"], i);
            _expAvgSq[i] = Adopt(state[$"state.{i}.exp_avg_sq"], i);
            if (state.TryGetValue($"state.{i}.max_exp_avg_sq", out var vmax)) _maxExpAvgSq[i] = Adopt(vmax, i);
        }
    }

    private void DisposeState()
    {
        for (var i = 0; i < Parameters.Count; i++)
        {
            _expAvg[i]?.Dispose();
            _expAvgSq[i]?.Dispose();
            _maxExpAvgSq[i]?.Dispose();
            _expAvg[i] = _expAvgSq[i] = _maxExpAvgSq[i] = null;
        }
    }

    /// <inheritdoc />
    public override void Dispose() => DisposeState();
}
