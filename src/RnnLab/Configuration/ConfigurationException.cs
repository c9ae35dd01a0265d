namespace RnnLab.Configuration;

/// <summary>
/// An experiment config could not be used. Each error names where the value came from (the file,
/// the command line or the environment), the key, the value and what is allowed.
/// </summary>
public sealed class ConfigurationException(IReadOnlyList<string> errors)
    : Exception(string.Join(Environment.NewLine, errors))
{
    /// <summary>One line per problem.</summary>
    public IReadOnlyList<string> Errors { get; } = errors;
}
