using System.Numerics;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace RnnLab.Analysis.Artifacts;

/// <summary>
/// How a comparison measure's typed result is written into comparison.json and read back: as it is,
/// snake_case like every analysis file, enums as snake_case strings and complex numbers as [re, im] pairs.
/// Unlike <see cref="AnalysisJson"/>, the contract comes from reflection rather than compile-time generation:
/// then a new measure is one file, with no type to register here.
/// </summary>
public static class MeasureJson
{
    /// <summary>The serializer options of measure results.</summary>
    public static JsonSerializerOptions Options { get; } = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
        TypeInfoResolver = new DefaultJsonTypeInfoResolver(),
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower), new ComplexPair() },
    };

    /// <summary>A result as JSON (null where the measure does not apply).</summary>
    public static JsonElement Write(object? result) => JsonSerializer.SerializeToElement(result, result?.GetType() ?? typeof(object), Options);

    /// <summary>A result read back as its type.</summary>
    public static T? Read<T>(JsonElement element) => element.Deserialize<T>(Options);

    // [re, im]: the layout numpy users load with np.array(x)[:, 0] + 1j * np.array(x)[:, 1].
    private sealed class ComplexPair : JsonConverter<Complex>
    {
        public override Complex Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            var pair = JsonSerializer.Deserialize<double[]>(ref reader, options);
            return pair is [var re, var im] ? new Complex(re, im) : throw new JsonException("a complex number is written as [re, im]");
        }

        public override void Write(Utf8JsonWriter writer, Complex value, JsonSerializerOptions options)
        {
            writer.WriteStartArray();
            JsonSerializer.Serialize(writer, value.Real, options);
            JsonSerializer.Serialize(writer, value.Imaginary, options);
            writer.WriteEndArray();
        }
    }
}
