using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using RnnLab.Training;

namespace RnnLab.Cli.Progress;

/// <summary>
/// A network's progress as a child process of a multi-seed run reports it to the parent, which draws the
/// bars: one line on standard output, "@rnnlab-progress " and the record as JSON.
/// </summary>
public sealed record ProgressLine(int Network, int Step, int TotalSteps, double Loss, double? EvalLoss, double? Accuracy, double StepsPerSecond)
{
    private const string Marker = "@rnnlab-progress ";
    private static readonly JsonSerializerOptions Json = new() { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower, NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals };

    /// <summary>The progress report it carries.</summary>
    public TrainingProgress Progress => new(Step, TotalSteps, Loss, EvalLoss, Accuracy, StepsPerSecond);

    /// <summary>The line for a report of network k.</summary>
    public static string Format(int network, TrainingProgress p) =>
        Marker + JsonSerializer.Serialize(new ProgressLine(network, p.Step, p.TotalSteps, p.Loss, p.EvalLoss, p.Accuracy, p.StepsPerSecond), Json);

    /// <summary>Reads a progress line; null for any other output line.</summary>
    public static ProgressLine? TryParse(string line)
    {
        if (!line.StartsWith(Marker, StringComparison.Ordinal)) return null;
        try
        {
            return JsonSerializer.Deserialize<ProgressLine>(line.AsSpan(Marker.Length), Json);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <inheritdoc />
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"network {Network} step {Step}/{TotalSteps}");
}
