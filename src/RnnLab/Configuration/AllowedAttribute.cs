using System.Globalization;

namespace RnnLab.Configuration;

/// <summary>
/// The allowed range of a numeric option. The binder checks it and quotes <see cref="Describe"/> in
/// the error, so the message says exactly what would have been accepted.
/// </summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class AllowedAttribute : Attribute
{
    /// <summary>Smallest allowed value (NaN: no lower bound).</summary>
    public double Min { get; init; } = double.NaN;

    /// <summary>Largest allowed value (NaN: no upper bound).</summary>
    public double Max { get; init; } = double.NaN;

    /// <summary>Whether Min itself is excluded.</summary>
    public bool MinExclusive { get; init; }

    /// <summary>Whether the value is in range.</summary>
    public bool Contains(double value) =>
        (double.IsNaN(Min) || (MinExclusive ? value > Min : value >= Min)) && (double.IsNaN(Max) || value <= Max);

    /// <summary>"an integer from 1 to 4096", "a number greater than 0", ...</summary>
    public string Describe(bool integer)
    {
        var kind = integer ? "an integer" : "a number";
        string F(double v) => v.ToString("R", CultureInfo.InvariantCulture);
        if (!double.IsNaN(Min) && !double.IsNaN(Max))
            return MinExclusive ? $"{kind} greater than {F(Min)} and at most {F(Max)}" : $"{kind} from {F(Min)} to {F(Max)}";
        if (!double.IsNaN(Min)) return MinExclusive ? $"{kind} greater than {F(Min)}" : $"{kind} of at least {F(Min)}";
        if (!double.IsNaN(Max)) return $"{kind} of at most {F(Max)}";
        return kind;
    }
}
