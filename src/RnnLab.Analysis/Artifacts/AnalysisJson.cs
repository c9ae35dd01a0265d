using System.Text.Json.Serialization;

namespace RnnLab.Analysis.Artifacts;

/// <summary>The JSON of the analysis files, generated at compile time, snake_case; shared by the writer and every reader.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower, NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    UseStringEnumConverter = true)]
[JsonSerializable(typeof(FixedPointsFile))]
[JsonSerializable(typeof(PcaFile))]
[JsonSerializable(typeof(ComparisonFile))]
[JsonSerializable(typeof(NetworkComparisonFile))]
[JsonSerializable(typeof(HypothesesFile))]
[JsonSerializable(typeof(SimilarityFile))]
[JsonSerializable(typeof(CensusFile))]
public sealed partial class AnalysisJson : JsonSerializerContext;
