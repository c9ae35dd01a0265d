using Microsoft.Extensions.Configuration;

namespace RnnLab.Configuration;

/// <summary>
/// Config keys set by something other than the config file, the environment or the command line (a sweep's
/// Set block, one point of its Grid), with the name errors give as their source ("sweep.json Grid").
/// </summary>
public sealed class ConfigLayer : ConfigurationProvider, IConfigurationSource
{
    private readonly IReadOnlyList<KeyValuePair<string, string>> _values;

    /// <summary>A layer of "Section:Key" = value pairs, reported as coming from source.</summary>
    public ConfigLayer(string source, IReadOnlyList<KeyValuePair<string, string>> values)
    {
        Source = source;
        _values = values;
    }

    /// <summary>What errors name as the origin of these keys.</summary>
    public string Source { get; }

    /// <inheritdoc />
    public override void Load()
    {
        Data.Clear();
        foreach (var (key, value) in _values) Data[key] = value;
    }

    /// <inheritdoc />
    public IConfigurationProvider Build(IConfigurationBuilder builder) => this;
}
