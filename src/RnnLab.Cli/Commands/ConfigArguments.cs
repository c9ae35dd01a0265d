namespace RnnLab.Cli.Commands;

/// <summary>
/// How the verbs that read a config (train, sweep) take it from the command line: --Section:Key=value
/// overrides among the unmatched tokens, and the config's problems printed one per line, each named.
/// </summary>
internal static class ConfigArguments
{
    /// <summary>
    /// The config overrides (--Section:Key=value) among a verb's unmatched tokens, for the strict config
    /// binding; any other token is a usage error naming it.
    /// </summary>
    public static List<string> Overrides(IReadOnlyList<string> unmatched, string verb)
    {
        var unknown = unmatched.FirstOrDefault(t => !(t.StartsWith("--", StringComparison.Ordinal) && t.Contains(':') && t.Contains('=')));
        if (unknown is not null) throw new UsageException($"unknown option '{unknown}'; see './rnnlab {verb} --help' (config keys are set as --Section:Key=value).");
        return [.. unmatched];
    }

    /// <summary>
    /// Loads a config (or sweep) with load; on a configuration error prints every problem and then
    /// "nothing was ...", each line prefixed with the verb, and returns null (the verb then exits 2).
    /// </summary>
    public static T? LoadOrReport<T>(string verb, string nothing, Func<T> load) where T : class
    {
        try
        {
            return load();
        }
        catch (Configuration.ConfigurationException e)
        {
            foreach (var line in e.Errors) Console.Error.WriteLine($"rnnlab {verb}: {line}");
            Console.Error.WriteLine($"rnnlab {verb}: nothing was {nothing}.");
            return null;
        }
    }

}
