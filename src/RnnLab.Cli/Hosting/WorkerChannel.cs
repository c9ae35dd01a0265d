using System.Text.Json;
using System.Text.Json.Serialization;
using RnnLab.Training;

namespace RnnLab.Cli.Hosting;

/// <summary>A worker's report of one training step of network k, as the parent reads it.</summary>
public sealed record WorkerProgress(int Network, int Step, int TotalSteps, double Loss, double? EvalLoss, double? Accuracy, double StepsPerSecond)
{
    /// <summary>The progress report it carries.</summary>
    [JsonIgnore]
    public TrainingProgress Progress => new(Step, TotalSteps, Loss, EvalLoss, Accuracy, StepsPerSecond);
}

/// <summary>
/// How a worker talks to its parent: typed reports on standard output, one line each, "@rnnlab " and the
/// record as JSON; every other line of output is a message to pass on as it is.
/// </summary>
public static class WorkerChannel
{
    private const string Marker = "@rnnlab ";
    private static readonly JsonSerializerOptions Json = new() { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower, NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals };

    /// <summary>The line for a report of network k.</summary>
    public static string Format(int network, TrainingProgress p) =>
        Marker + JsonSerializer.Serialize(new WorkerProgress(network, p.Step, p.TotalSteps, p.Loss, p.EvalLoss, p.Accuracy, p.StepsPerSecond), Json);

    /// <summary>Reads a report; null for any other line, which is a message.</summary>
    public static WorkerProgress? TryRead(string line)
    {
        if (!line.StartsWith(Marker, StringComparison.Ordinal)) return null;
        try
        {
            return JsonSerializer.Deserialize<WorkerProgress>(line.AsSpan(Marker.Length), Json);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
