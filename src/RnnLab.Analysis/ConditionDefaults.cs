using RnnLab.Tasks;

namespace RnnLab.Analysis;

/// <summary>The constant inputs at which a task's network is analysed by default.</summary>
public static class ConditionDefaults
{
    /// <summary>perception: u = 0.5 and 0.8; decision: a 3 x 3 grid of levels; sine_generate: cue 0, 0.5, 1; otherwise u = 0.</summary>
    public static IReadOnlyList<double[]> For(ICognitiveTask task) => task.Kind switch
    {
        "perception" => [[0.5], [0.8]],
        "decision" => [.. from a in new[] { 0.3, 0.5, 0.7 } from b in new[] { 0.3, 0.5, 0.7 } select new[] { a, b }],
        "sine_generate" => [[0.0], [0.5], [1.0]],
        _ => [new double[task.InputSize]],
    };

    /// <summary>
    /// The two input conditions whose latent subspaces seed 002 Fig. 10 compares: perception 0.5 vs 0.8,
    /// decision input 1 larger vs input 2 larger, sine_generate cue 0 vs 1; null for other tasks.
    /// </summary>
    public static (double[] First, double[] Second)? Contrast(ICognitiveTask task) => task.Kind switch
    {
        "perception" => ([0.5], [0.8]),
        "decision" => ([0.7, 0.3], [0.3, 0.7]),
        "sine_generate" => ([0.0], [1.0]),
        _ => null,
    };

    /// <summary>
    /// A one-parameter family of constant inputs to plot the output against (seed 002 Fig. 1): perception
    /// the level u from 0.5 to 0.8, decision the difference u1 - u2 from -0.3 to 0.3 around a mean of 0.5;
    /// null for other tasks.
    /// </summary>
    public static ConditionSweep? Sweep(ICognitiveTask task, int points)
    {
        double[] Grid(double low, double high) => [.. Enumerable.Range(0, points).Select(i => low + (high - low) * i / Math.Max(1, points - 1))];
        switch (task.Kind)
        {
            case "perception":
                var levels = Grid(0.5, 0.8);
                return new ConditionSweep("input level u", levels, [.. levels.Select(u => new[] { u })]);
            case "decision":
                var differences = Grid(-0.3, 0.3);
                return new ConditionSweep("input difference u1 - u2", differences, [.. differences.Select(x => new[] { 0.5 + x / 2, 0.5 - x / 2 })]);
            default:
                return null;
        }
    }

    /// <summary>Parses "0.5;0.8" (one input) or "0.3,0.7;0.5,0.5" (two inputs): conditions separated by ';', inputs by ','.</summary>
    public static IReadOnlyList<double[]> Parse(string text, int inputSize)
    {
        var result = new List<double[]>();
        foreach (var part in text.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var values = part.Split(',', StringSplitOptions.TrimEntries);
            var parsed = new double[values.Length];
            for (var i = 0; i < values.Length; i++)
            {
                // double.TryParse takes "NaN", "Infinity" and 1e999 (as infinity); no network state answers to such an input.
                if (!double.TryParse(values[i], System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out parsed[i]))
                    throw new FormatException($"'{values[i]}' is not a number; allowed: numbers separated by ',' within a condition and ';' between conditions.");
                if (!double.IsFinite(parsed[i]))
                    throw new FormatException($"'{values[i]}' is not a finite number; allowed: finite numbers separated by ',' within a condition and ';' between conditions.");
            }
            if (parsed.Length != inputSize)
                throw new FormatException($"'{part}' has {parsed.Length} values but the task has {inputSize} input(s).");
            result.Add(parsed);
        }
        if (result.Count == 0) throw new FormatException("no condition given.");
        return result;
    }
}

/// <summary>Constant inputs Conditions[i] indexed by a scalar X[i] named Label.</summary>
public sealed record ConditionSweep(string Label, double[] X, IReadOnlyList<double[]> Conditions);
