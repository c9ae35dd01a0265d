using System.Text.RegularExpressions;
using RnnLab.Configuration;

namespace RnnLab.Slurm;

/// <summary>
/// The Slurm block of a sweep file: where and with what the array's tasks run. Every value ends up in an
/// #SBATCH line of the script, so each is held to the characters Slurm's own syntax uses (no spaces, quotes
/// or line breaks can reach the script). Empty strings and 0 leave the cluster's default.
/// </summary>
public sealed partial class SlurmOptions : IValidatedOptions
{
    /// <summary>The partition (queue) the array is submitted to.</summary>
    public string Partition { get; init; } = "";

    /// <summary>The account charged, where the cluster requires one.</summary>
    public string Account { get; init; } = "";

    /// <summary>The quality of service.</summary>
    public string Qos { get; init; } = "";

    /// <summary>Wall-clock limit of one task: minutes, MM:SS, HH:MM:SS, D-HH, D-HH:MM or D-HH:MM:SS.</summary>
    public string TimeLimit { get; init; } = "";

    /// <summary>Cores per task; the task's time loop uses this many lanes.</summary>
    [Allowed(Min = 1, Max = 1024)] public int CpusPerTask { get; init; } = 1;

    /// <summary>Memory per task in MB (0: the cluster's default).</summary>
    [Allowed(Min = 0, Max = 1 << 30)] public int MemoryMB { get; init; }

    /// <inheritdoc />
    public IEnumerable<(string Key, string Message)> Validate()
    {
        foreach (var (key, value) in new[] { ("Partition", Partition), ("Account", Account), ("Qos", Qos) })
            if (!Name().IsMatch(value))
                yield return (key, $"= \"{value}\" is not a Slurm name; allowed: letters, digits and . _ - + , (a comma separates several partitions).");
        if (TimeLimit.Length > 0 && !Time().IsMatch(TimeLimit))
            yield return ("TimeLimit", $"= \"{TimeLimit}\" is not a Slurm time; allowed: minutes, MM:SS, HH:MM:SS, D-HH, D-HH:MM or D-HH:MM:SS, for example 02:00:00.");
    }

    [GeneratedRegex(@"^[A-Za-z0-9._+,-]*$")]
    private static partial Regex Name();

    [GeneratedRegex(@"^(\d+|\d+:\d{1,2}|\d+:\d{1,2}:\d{1,2}|\d+-\d+|\d+-\d+:\d{1,2}|\d+-\d+:\d{1,2}:\d{1,2})$")]
    private static partial Regex Time();
}
