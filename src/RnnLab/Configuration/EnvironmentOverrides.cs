using Microsoft.Extensions.Configuration;

namespace RnnLab.Configuration;

/// <summary>
/// RNNLAB_Section__Key=value environment variables as config overrides. Process settings under the same
/// prefix (RNNLAB_KERNEL_THREADS, see <see cref="RnnLabRuntime.KernelThreads"/>; RNNLAB_KILL_AT, see
/// <see cref="IO.FaultInjection"/>; RNNLAB_PLOTLY, where report finds Plotly.js) are not config keys and are left out.
/// </summary>
public sealed class EnvironmentOverrides : ConfigurationProvider, IConfigurationSource
{
    /// <summary>The prefix of the variables read.</summary>
    public const string Prefix = "RNNLAB_";

    private static readonly HashSet<string> ProcessSettings = new(StringComparer.OrdinalIgnoreCase)
    {
        RnnLabRuntime.KernelThreadsVariable[Prefix.Length..], IO.FaultInjection.Variable[Prefix.Length..], "PLOTLY",
    };
    private readonly IReadOnlyDictionary<string, string> _variables;

    /// <summary>Reads from the given variables (the process environment when null).</summary>
    public EnvironmentOverrides(IReadOnlyDictionary<string, string>? variables = null)
    {
        _variables = variables ?? Environment.GetEnvironmentVariables().Cast<System.Collections.DictionaryEntry>()
            .ToDictionary(e => (string)e.Key, e => (string?)e.Value ?? "");
    }

    /// <summary>The config key a variable sets ("Model:Units" for RNNLAB_Model__Units), or null when it sets none.</summary>
    public static string? KeyOf(string variable)
    {
        if (!variable.StartsWith(Prefix, StringComparison.OrdinalIgnoreCase)) return null;
        var key = variable[Prefix.Length..];
        return key.Length == 0 || ProcessSettings.Contains(key) ? null : key.Replace("__", ConfigurationPath.KeyDelimiter);
    }

    /// <inheritdoc />
    public override void Load()
    {
        Data.Clear();
        foreach (var (name, value) in _variables)
            if (KeyOf(name) is { } key) Data[key] = value;
    }

    /// <inheritdoc />
    public IConfigurationProvider Build(IConfigurationBuilder builder) => this;
}
