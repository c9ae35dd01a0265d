namespace RnnLab.Torch.Modules;

using static torch;

/// <summary>
/// The common part of optimizers: the parameter list, the learning rate, zero_grad, and a state dict
/// of named tensors (per-parameter moments and step counts, plus hyperparameters) that restores the
/// optimizer exactly, so a resumed run takes the same steps as an uninterrupted one.
/// </summary>
public abstract class Optimizer : IDisposable
{
    /// <summary>Takes the parameters to optimize (their order defines the state dict's indices).</summary>
    protected Optimizer(IEnumerable<nn.Parameter> parameters, double lr)
    {
        Parameters = parameters.ToList();
        if (Parameters.Count == 0) throw new ArgumentException("An optimizer needs at least one parameter.", nameof(parameters));
        if (!(lr >= 0)) throw new ArgumentOutOfRangeException(nameof(lr), lr, "learning rate must be non-negative");
        this.lr = lr;
    }

    /// <summary>The optimized parameters, in order.</summary>
    protected IReadOnlyList<nn.Parameter> Parameters { get; }

    /// <summary>The learning rate (may be changed between steps).</summary>
    public double lr { get; set; }

    /// <summary>Applies one update from the parameters' current gradients.</summary>
    public abstract void step();

    /// <summary>Clears every parameter's gradient.</summary>
    public void zero_grad()
    {
        foreach (var p in Parameters) p.grad = null;
    }

    /// <summary>
    /// The optimizer's state as new tensors the caller owns: "state.{i}.{name}" for parameter i and
    /// "hyper.{name}" for hyperparameters (float64 scalars).
    /// </summary>
    public Dictionary<string, Tensor> state_dict()
    {
        var result = new Dictionary<string, Tensor>();
        foreach (var (name, value) in Hyperparameters()) result["hyper." + name] = tensor(value, float64);
        for (var i = 0; i < Parameters.Count; i++)
            foreach (var (name, t) in ParameterState(i)) result[$"state.{i}.{name}"] = t;
        return result;
    }

    /// <summary>
    /// Restores a state taken with <see cref="state_dict"/> from an optimizer of the same kind over
    /// parameters of the same shapes. Validates everything before changing anything.
    /// </summary>
    public void load_state_dict(IReadOnlyDictionary<string, Tensor> state)
    {
        var known = Hyperparameters().Select(h => "hyper." + h.name).ToHashSet();
        foreach (var key in known)
            if (!state.ContainsKey(key)) throw new ArgumentException($"Optimizer state lacks '{key}'.", nameof(state));
        foreach (var key in state.Keys)
        {
            if (known.Contains(key)) continue;
            var parts = key.Split('.');
            if (parts.Length != 3 || parts[0] != "state" || !int.TryParse(parts[1], out var i) || i < 0 || i >= Parameters.Count)
                throw new ArgumentException($"Optimizer state has an unexpected entry '{key}' (this optimizer has {Parameters.Count} parameters).", nameof(state));
        }
        using var scope = NewDisposeScope();
        using var _ = no_grad();
        ValidateParameterState(state);
        foreach (var (name, _) in Hyperparameters()) SetHyperparameter(name, state["hyper." + name].item<double>());
        LoadParameterState(state);
    }

    /// <summary>Hyperparameters to save, by name.</summary>
    protected abstract IEnumerable<(string name, double value)> Hyperparameters();

    /// <summary>Restores one hyperparameter.</summary>
    protected abstract void SetHyperparameter(string name, double value);

    /// <summary>The state of parameter i as new tensors (none before the first step).</summary>
    protected abstract IEnumerable<(string name, Tensor value)> ParameterState(int index);

    /// <summary>Throws when the state does not fit these parameters; changes nothing.</summary>
    protected abstract void ValidateParameterState(IReadOnlyDictionary<string, Tensor> state);

    /// <summary>Replaces the per-parameter state with the validated one.</summary>
    protected abstract void LoadParameterState(IReadOnlyDictionary<string, Tensor> state);

    /// <summary>Checks that a saved moment tensor has parameter i's shape.</summary>
    protected void CheckShape(IReadOnlyDictionary<string, Tensor> state, string key, int index)
    {
        if (!state.TryGetValue(key, out var t)) return;
        if (!t.shape.SequenceEqual(Parameters[index].shape))
            throw new ArgumentException($"Optimizer state '{key}' has shape {t.Describe()} but parameter {index} is {Parameters[index].Describe()}.", nameof(state));
    }

    /// <summary>A copy of a saved tensor converted to parameter i's dtype and device, owned by the optimizer.</summary>
    protected Tensor Adopt(Tensor saved, int index)
    {
        var p = Parameters[index];
        return saved.to(p.dtype).to(p.device).clone().DetachFromDisposeScope();
    }

    /// <summary>Releases the optimizer's state tensors.</summary>
    public abstract void Dispose();
}
