using System.CommandLine;

namespace RnnLab.Cli.Commands;

/// <summary>
/// The typed options the verbs share, with their rules stated once: each validator's message is the one
/// line a mistake prints ("--seeds takes an integer from 1 to 10000, got '0'.").
/// </summary>
internal static class CliOptions
{
    /// <summary>An optional integer option that must lie in [min, max].</summary>
    public static Option<int?> IntInRange(string name, int min, int max, string description)
    {
        var option = new Option<int?>(name) { Description = description };
        option.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int?>() is { } v && (v < min || v > max))
                result.AddError($"{name} takes an integer from {min} to {max}, got '{v}'.");
        });
        return option;
    }

    /// <summary>A positive integer option with a default.</summary>
    public static Option<int> Positive(string name, int defaultValue, string description)
    {
        var option = new Option<int>(name) { Description = description, DefaultValueFactory = _ => defaultValue };
        option.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int>() < 1) result.AddError($"{name} takes a positive integer, got '{result.GetValueOrDefault<int>()}'.");
        });
        return option;
    }

    /// <summary>A string option whose value must be one of allowed.</summary>
    public static Option<string> OneOf(string name, string defaultValue, string description, params string[] allowed)
    {
        var option = new Option<string>(name) { Description = $"{description} ({string.Join(", ", allowed)}; default {defaultValue})", DefaultValueFactory = _ => defaultValue };
        option.Validators.Add(result =>
        {
            var value = result.GetValueOrDefault<string>();
            if (!allowed.Contains(value)) result.AddError($"{name} '{value}' is not allowed; allowed: {string.Join(", ", allowed)}.");
        });
        return option;
    }

    /// <summary>An optional string option (null when not given) whose value must be one of allowed.</summary>
    public static Option<string?> OptionalOneOf(string name, string description, params string[] allowed)
    {
        var option = new Option<string?>(name) { Description = $"{description} ({string.Join(", ", allowed)})" };
        option.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<string?>() is { } value && !allowed.Contains(value))
                result.AddError($"{name} '{value}' is not allowed; allowed: {string.Join(", ", allowed)}.");
        });
        return option;
    }

    /// <summary>--snapshot: which saved weights of each network, among the allowed ones (init, final, learned).</summary>
    public static Option<string> Snapshot(string description, params string[] allowed) => OneOf("--snapshot", "final", description, allowed);

    /// <summary>The snapshot a --snapshot value names.</summary>
    public static RnnLab.Analysis.Snapshot SnapshotOf(string value) => Enum.Parse<RnnLab.Analysis.Snapshot>(value, ignoreCase: true);

    /// <summary>A switch.</summary>
    public static Option<bool> Flag(string name, string description) => new(name) { Description = description };

    /// <summary>A run directory argument.</summary>
    public static Argument<string> Run() => PathArgument("run", "the run directory (checkpoints/<Name> by default)");

    /// <summary>
    /// An optional path option (--out DIR, --init FILE). An empty or blank value is refused here: a path
    /// built from it would name the working directory or nothing, and fail deep inside a verb.
    /// </summary>
    public static Option<string?> PathOption(string name, string helpName, string description)
    {
        var option = new Option<string?>(name) { Description = description, HelpName = helpName };
        option.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<string?>() is { } v && string.IsNullOrWhiteSpace(v)) result.AddError(EmptyPath(name, v));
        });
        return option;
    }

    /// <summary>A path argument (a config, a run or sweep directory), refused when empty or blank as <see cref="PathOption"/> is.</summary>
    public static Argument<string> PathArgument(string name, string description)
    {
        var argument = new Argument<string>(name) { Description = description };
        argument.Validators.Add(result =>
        {
            if (string.IsNullOrWhiteSpace(result.GetValueOrDefault<string>())) result.AddError(EmptyPath($"<{name}>", result.GetValueOrDefault<string>() ?? ""));
        });
        return argument;
    }

    private static string EmptyPath(string name, string value) => $"{name} takes a non-empty path, got '{value}'.";
}
