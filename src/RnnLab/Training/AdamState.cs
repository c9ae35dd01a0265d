using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace RnnLab.Training;

/// <summary>
/// torch.optim.Adam's per-parameter state (step, exp_avg, exp_avg_sq) as named tensors, the form a
/// checkpoint stores ("state.{i}.step", "state.{i}.exp_avg", "state.{i}.exp_avg_sq", i in parameter
/// order), and back. The optimizer runs over a <see cref="Models.RateRnn"/>'s parameters, whose leading
/// dimension is the network; each network's state is captured and restored in a single network's shapes,
/// so that every checkpoint holds one network. TorchSharp's own optimizer serialization is a binary stream
/// of its own; named tensors go into the same checksummed safetensors file as the weights and open in Python.
/// </summary>
public static class AdamState
{
    /// <summary>Copies of network k's part of the optimizer's state.</summary>
    public static Dictionary<string, Tensor> Capture(Adam adam, int k)
    {
        var result = new Dictionary<string, Tensor>();
        var states = adam.state_dict().State;
        for (var i = 0; i < states.Count; i++)
        {
            var s = (Adam.State)states[i];
            result[$"state.{i}.step"] = tensor(s.step);
            result[$"state.{i}.exp_avg"] = s.exp_avg[k].detach().clone();
            result[$"state.{i}.exp_avg_sq"] = s.exp_avg_sq[k].detach().clone();
        }
        return result;
    }

    /// <summary>Checks state captured from one network against the optimizer's; a mismatch throws naming the entry.</summary>
    public static void Check(Adam adam, IReadOnlyDictionary<string, Tensor> saved)
    {
        var states = adam.state_dict().State;
        var expected = new HashSet<string>();
        for (var i = 0; i < states.Count; i++)
        {
            var s = (Adam.State)states[i];
            foreach (var name in new[] { "step", "exp_avg", "exp_avg_sq" })
            {
                var key = $"state.{i}.{name}";
                expected.Add(key);
                if (!saved.ContainsKey(key)) throw new ArgumentException($"Adam state lacks '{key}'.", nameof(saved));
            }
            foreach (var (name, live) in new[] { ("exp_avg", s.exp_avg), ("exp_avg_sq", s.exp_avg_sq) })
            {
                var value = saved[$"state.{i}.{name}"];
                var network = live.shape[1..];
                if (!value.shape.SequenceEqual(network))
                    throw new ArgumentException($"Adam state 'state.{i}.{name}' has shape [{string.Join(", ", value.shape)}]; the parameter has [{string.Join(", ", network)}].", nameof(saved));
            }
        }
        var unknown = saved.Keys.Where(k => !expected.Contains(k)).Order(StringComparer.Ordinal).ToList();
        if (unknown.Count > 0) throw new ArgumentException($"Adam state has unknown entries: {string.Join(", ", unknown)}.", nameof(saved));
    }

    /// <summary>
    /// Loads each network's captured state into its part of the optimizer (networks[k] into network k); every one
    /// is checked first (<see cref="Check"/>). The networks train together, so the step count is the first one's.
    /// </summary>
    public static void Restore(Adam adam, IReadOnlyList<IReadOnlyDictionary<string, Tensor>> networks)
    {
        foreach (var saved in networks) Check(adam, saved);
        var states = adam.state_dict().State;
        using var scope = NewDisposeScope();
        using var _ = no_grad();
        for (var i = 0; i < states.Count; i++)
        {
            var s = (Adam.State)states[i];
            s.step = networks[0][$"state.{i}.step"].ToInt64();
            for (var k = 0; k < networks.Count; k++)
            {
                s.exp_avg[k].copy_(networks[k][$"state.{i}.exp_avg"]);
                s.exp_avg_sq[k].copy_(networks[k][$"state.{i}.exp_avg_sq"]);
            }
        }
    }
}
