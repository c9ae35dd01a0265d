namespace RnnLab.Analysis.WeightComparison;

/// <summary>
/// One thing `compare` measures of a network, named by an id: it computes its typed result once per
/// network from the <see cref="ComparisonContext"/> and says which rows of the statistics table the result
/// gives. Adding a measure is one new implementation listed in <see cref="ComparisonMeasures.All"/>.
/// </summary>
public interface IComparisonMeasure
{
    /// <summary>The measure's id, the key of its result (snake_case).</summary>
    string Id { get; }

    /// <summary>Computes the measure of the context's network.</summary>
    MeasureResult Compute(ComparisonContext context);

    /// <summary>This measure's result for one network of a comparison.json, read back as its typed result (null where it does not apply).</summary>
    object? Read(Artifacts.NetworkMeasuresRecord network);
}

/// <summary>
/// A measure's result for one network: its typed value (null where the measure does not apply), the
/// scalar statistics it gives the table, and why parts of it do not apply (keyed as comparison.json's
/// "unavailable").
/// </summary>
public sealed record MeasureResult(string Id, object? Value, IReadOnlyList<ComparedStatistic> Statistics, IReadOnlyDictionary<string, string> Unavailable);

/// <summary>A measure whose result is a <typeparamref name="T"/>; the table rows are derived from that result alone.</summary>
public abstract class ComparisonMeasure<T> : IComparisonMeasure
{
    /// <inheritdoc />
    public abstract string Id { get; }

    /// <summary>The typed result.</summary>
    protected abstract T Of(ComparisonContext context);

    /// <summary>The table rows of a result.</summary>
    protected virtual IEnumerable<ComparedStatistic> Statistics(T result, ComparisonContext context) => [];

    /// <summary>Why parts of a result do not apply, by key.</summary>
    protected virtual IEnumerable<KeyValuePair<string, string>> Unavailable(T result, ComparisonContext context) => [];

    /// <inheritdoc cref="IComparisonMeasure.Read" />
    public T? Read(Artifacts.NetworkMeasuresRecord network) => network.Measures.TryGetValue(Id, out var result)
        ? Artifacts.MeasureJson.Read<T>(result)
        : throw new KeyNotFoundException($"'{network.Network}' has no comparison measure '{Id}'");

    object? IComparisonMeasure.Read(Artifacts.NetworkMeasuresRecord network) => Read(network);

    /// <inheritdoc />
    public MeasureResult Compute(ComparisonContext context)
    {
        var result = Of(context);
        return new MeasureResult(Id, result, [.. Statistics(result, context)], new Dictionary<string, string>(Unavailable(result, context)));
    }
}
