using System.Text.RegularExpressions;
using RnnLab.Configuration;
using RnnLab.Slurm;

namespace RnnLab.Sweeps;

/// <summary>
/// A sweep file's keys, bound by <see cref="OptionsBinder"/> as a config's sections are: an unknown key, a
/// value of the wrong type or out of range, and each rule below is one line naming the file, the key and what
/// is allowed. <see cref="SweepDefinition"/> expands the options into points and validates each as a config.
/// </summary>
public sealed partial class SweepOptions : IValidatedOptions
{
    /// <summary>The base configs: one path or a list, relative to the sweep file or absolute (checked by <see cref="SweepDefinition.Load"/>).</summary>
    public string[] Config { get; init; } = [];

    /// <summary>Networks per point (seed-0 .. seed-K-1, with the config's Seed + k).</summary>
    [Allowed(Min = 1, Max = 10_000)] public int Seeds { get; init; } = 1;

    /// <summary>Config keys varied and their values, in the file's order: every combination is a point, the first key varying slowest.</summary>
    public IReadOnlyDictionary<string, string[]> Grid { get; init; } = new Dictionary<string, string[]>();

    /// <summary>Config keys every point sets.</summary>
    public IReadOnlyDictionary<string, string> Set { get; init; } = new Dictionary<string, string>();

    /// <summary>--Section:Key=value overrides applied to every point, as on the command line.</summary>
    public string[] Overrides { get; init; } = [];

    /// <summary>Where and with what Slurm runs the array.</summary>
    public SlurmOptions Slurm { get; init; } = new();

    /// <inheritdoc />
    public IEnumerable<(string Key, string Message)> Validate()
    {
        foreach (var (key, values) in Grid)
        {
            if (!ConfigKey().IsMatch(key))
                yield return ($"Grid:{key}", "is not a config key; allowed: Section:Key, for example Model:Units.");
            else if (values.Distinct().Count() != values.Length)
                yield return ($"Grid:{key}", "lists a value twice.");
        }
        foreach (var key in Set.Keys.Where(k => !ConfigKey().IsMatch(k)))
            yield return ($"Set:{key}", "is not a config key; allowed: Section:Key, for example Model:Activation.");
        foreach (var o in Overrides.Where(o => KeyOfOverride(o) is null))
            yield return ("Overrides", $"has '{o}', which is not an override; allowed: --Section:Key=value, for example --Model:Units=64.");
    }

    /// <summary>The key an override sets ("Model:Units" of --Model:Units=64), or null for a string of another form.</summary>
    public static string? KeyOfOverride(string text) => Override().Match(text) is { Success: true } m ? m.Groups[1].Value : null;

    [GeneratedRegex(@"^[A-Za-z][A-Za-z0-9_]*(:[A-Za-z0-9_]+)+$")]
    private static partial Regex ConfigKey();

    [GeneratedRegex(@"^--([A-Za-z][A-Za-z0-9_]*(:[A-Za-z0-9_]+)*)=.*$")]
    private static partial Regex Override();
}
