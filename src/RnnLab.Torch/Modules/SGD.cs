namespace RnnLab.Torch.Modules;

using static torch;

/// <summary>
/// SGD with PyTorch's update: g += weight_decay p; with momentum, b = momentum b + (1 - dampening) g
/// (b = g on the first step) and g = b, or g + momentum b with Nesterov; p -= lr g.
/// </summary>
public sealed class SGD : Optimizer
{
    private readonly Tensor?[] _momentumBuffer;

    internal SGD(IEnumerable<nn.Parameter> parameters, double lr, double momentum, double dampening, double weightDecay, bool nesterov)
        : base(parameters, lr)
    {
        if (!(momentum >= 0)) throw new ArgumentOutOfRangeException(nameof(momentum), momentum, "must be non-negative");
        if (!(weightDecay >= 0)) throw new ArgumentOutOfRangeException(nameof(weightDecay), weightDecay, "must be non-negative");
        if (nesterov && (momentum <= 0 || dampening != 0))
            throw new ArgumentException("Nesterov momentum needs momentum > 0 and dampening = 0.", nameof(nesterov));
        Momentum = momentum;
        Dampening = dampening;
        WeightDecay = weightDecay;
        Nesterov = nesterov;
        _momentumBuffer = new Tensor?[Parameters.Count];
    }

    /// <summary>Momentum factor.</summary>
    public double Momentum { get; private set; }
    /// <summary>Dampening of the momentum.</summary>
    public double Dampening { get; private set; }
    /// <summary>L2 penalty coefficient added to the gradient.</summary>
    public double WeightDecay { get; private set; }
    /// <summary>Whether Nesterov momentum is used.</summary>
    public bool Nesterov { get; private set; }

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
            if (Momentum != 0)
            {
                if (_momentumBuffer[i] is not { } buffer)
                    buffer = _momentumBuffer[i] = g.clone().DetachFromDisposeScope();
                else
                    buffer.mul_(Momentum).add_(g, 1 - Dampening);
                g = Nesterov ? g.add(buffer, Momentum) : buffer;
            }
            p.add_(g, -lr);
        }
    }

    /// <inheritdoc />
    protected override IEnumerable<(string name, double value)> Hyperparameters() =>
        [("lr", lr), ("momentum", Momentum), ("dampening", Dampening), ("weight_decay", WeightDecay), ("nesterov", Nesterov ? 1 : 0)];

    /// <inheritdoc />
    protected override void SetHyperparameter(string name, double value)
    {
        switch (name)
        {
            case "lr": lr = value; break;
            case "momentum": Momentum = value; break;
            case "dampening": Dampening = value; break;
            case "weight_decay": WeightDecay = value; break;
            case "nesterov": Nesterov = value != 0; break;
        }
    }

    /// <inheritdoc />
    protected override IEnumerable<(string name, Tensor value)> ParameterState(int index)
    {
        if (_momentumBuffer[index] is { } b) yield return ("momentum_buffer", b.clone());
    }

    /// <inheritdoc />
    protected override void ValidateParameterState(IReadOnlyDictionary<string, Tensor> state)
    {
        foreach (var key in state.Keys.Where(k => k.StartsWith("state.", StringComparison.Ordinal)))
            if (key.Split('.')[2] != "momentum_buffer")
                throw new ArgumentException($"SGD state has an unknown entry '{key}'.", nameof(state));
        for (var i = 0; i < Parameters.Count; i++) CheckShape(state, $"state.{i}.momentum_buffer", i);
    }

    /// <inheritdoc />
    protected override void LoadParameterState(IReadOnlyDictionary<string, Tensor> state)
    {
        Dispose();
        for (var i = 0; i < Parameters.Count; i++)
            if (state.TryGetValue($"state.{i}.momentum_buffer", out var b)) _momentumBuffer[i] = Adopt(b, i);
    }

    /// <inheritdoc />
    public override void Dispose()
    {
        for (var i = 0; i < _momentumBuffer.Length; i++)
        {
            _momentumBuffer[i]?.Dispose();
            _momentumBuffer[i] = null;
        }
    }
}
