using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace RnnLab.Training;

/// <summary>
/// torch.optim.Adam's per-parameter state (step, exp_avg, exp_avg_sq) as named tensors, the form a
/// checkpoint stores ("state.{i}.step", "state.{i}.exp_avg", "state.{i}.exp_avg_sq", i in parameter
/// order), and back. TorchSharp's own optimizer serialization is a binary stream of its own; named
/// tensors go into the same checksummed safetensors file as the weights and open in Python.
/// </summary>
public static class AdamState
{
    /// <summary>Copies of the optimizer's state.</summary>
    public static Dictionary<string, Tensor> Capture(Adam adam)
    {
        var result = new Dictionary<string, Tensor>();
        var states = adam.state_dict().State;
        for (var i = 0; i < states.Count; i++)
        {
            var s = (Adam.State)states[i];
            result[$"state.{i}.step"] = tensor(s.step);
            result[$"state.{i}.exp_avg"] = s.exp_avg.detach().clone();
            result[$"state.{i}.exp_avg_sq"] = s.exp_avg_sq.detach().clone();
        }
        return result;
    }

    /// <summary>Loads state captured from an optimizer over parameters of the same shapes; a mismatch throws naming the entry.</summary>
    public static void Restore(Adam adam, IReadOnlyDictionary<string, Tensor> saved)
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
                if (!value.shape.SequenceEqual(live.shape))
                    throw new ArgumentException($"Adam state 'state.{i}.{name}' has shape [{string.Join(", ", value.shape)}]; the parameter has [{string.Join(", ", live.shape)}].", nameof(saved));
            }
        }
        var unknown = saved.Keys.Where(k => !expected.Contains(k)).Order(StringComparer.Ordinal).ToList();
        if (unknown.Count > 0) throw new ArgumentException($"Adam state has unknown entries: {string.Join(", ", unknown)}.", nameof(saved));
        using var _ = no_grad();
        for (var i = 0; i < states.Count; i++)
        {
            var s = (Adam.State)states[i];
            s.step = saved[$"state.{i}.step"].ToInt64();
            s.exp_avg.copy_(saved[$"state.{i}.exp_avg"]);
            s.exp_avg_sq.copy_(saved[$"state.{i}.exp_avg_sq"]);
        }
    }
}
