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

    /// <summary>Parses "0.5;0.8" (one input) or "0.3,0.7;0.5,0.5" (two inputs): conditions separated by ';', inputs by ','.</summary>
    public static IReadOnlyList<double[]> Parse(string text, int inputSize)
    {
        var result = new List<double[]>();
        foreach (var part in text.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var values = part.Split(',', StringSplitOptions.TrimEntries);
            var parsed = new double[values.Length];
            for (var i = 0; i < values.Length; i++)
                if (!double.TryParse(values[i], System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out parsed[i]))
                    throw new FormatException($"--conditions: '{values[i]}' is not a number; allowed: numbers separated by ',' within a condition and ';' between conditions.");
            if (parsed.Length != inputSize)
                throw new FormatException($"--conditions: '{part}' has {parsed.Length} values but the task has {inputSize} input(s).");
            result.Add(parsed);
        }
        if (result.Count == 0) throw new FormatException("--conditions: no condition given.");
        return result;
    }
}
