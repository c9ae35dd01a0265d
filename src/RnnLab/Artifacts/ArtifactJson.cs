using System.Text.Json.Serialization;
using RnnLab.Training;

namespace RnnLab.Artifacts;

/// <summary>
/// The JSON of every artifact record, generated at compile time: snake_case names, the same for the writer
/// and every reader (the report's page reads the same names).
/// </summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals)]
[JsonSerializable(typeof(RunFile))]
[JsonSerializable(typeof(MetricsRecord))]
[JsonSerializable(typeof(SweepIndexFile))]
[JsonSerializable(typeof(FailureFile))]
[JsonSerializable(typeof(SlurmJobsFile))]
[JsonSerializable(typeof(StudyStepFile))]
public sealed partial class ArtifactJson : JsonSerializerContext;
