namespace RnnLab.Tasks;

/// <summary>Every task by its config Kind: its options type and how to build it.</summary>
public static class TaskCatalog
{
    private sealed record Entry(Type OptionsType, Func<TaskOptions, double, ICognitiveTask> Create);

    private static readonly Dictionary<string, Entry> Entries = new(StringComparer.OrdinalIgnoreCase)
    {
        ["perception"] = new(typeof(PerceptionTaskOptions), (o, _) => new PerceptionTask((PerceptionTaskOptions)o)),
        ["decision"] = new(typeof(DecisionTaskOptions), (o, _) => new DecisionTask((DecisionTaskOptions)o)),
        ["flipflop"] = new(typeof(FlipFlopTaskOptions), (o, _) => new FlipFlopTask((FlipFlopTaskOptions)o)),
        ["integrator"] = new(typeof(IntegratorTaskOptions), (o, _) => new IntegratorTask((IntegratorTaskOptions)o)),
        ["sine_frequency"] = new(typeof(SineTaskOptions), (o, dt) => new SineTask((SineTaskOptions)o, SineTaskVariant.Frequency, dt)),
        ["sine_compare"] = new(typeof(SineTaskOptions), (o, dt) => new SineTask((SineTaskOptions)o, SineTaskVariant.Compare, dt)),
        ["sine_generate"] = new(typeof(SineTaskOptions), (o, dt) => new SineTask((SineTaskOptions)o, SineTaskVariant.Generate, dt)),
        ["distance"] = new(typeof(PointTaskOptions), (o, _) => new PointTask((PointTaskOptions)o, compareTwo: false)),
        ["farther"] = new(typeof(PointTaskOptions), (o, _) => new PointTask((PointTaskOptions)o, compareTwo: true)),
    };

    /// <summary>All kinds, in a stable order.</summary>
    public static IReadOnlyList<string> Kinds { get; } = Entries.Keys.ToList();

    /// <summary>The options record type of a kind, or null when the kind is unknown.</summary>
    public static Type? OptionsTypeOf(string kind) => Entries.TryGetValue(kind, out var e) ? e.OptionsType : null;

    /// <summary>Builds the task of a kind from its options; dtMs is the model's Euler step (sine tasks need it).</summary>
    public static ICognitiveTask Create(string kind, TaskOptions options, double dtMs) =>
        Entries.TryGetValue(kind, out var e)
            ? e.Create(options, dtMs)
            : throw new ArgumentException($"Unknown task kind '{kind}'; allowed: {string.Join(", ", Kinds)}.", nameof(kind));
}
