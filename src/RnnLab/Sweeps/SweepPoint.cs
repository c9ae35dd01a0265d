using RnnLab.Experiments;

namespace RnnLab.Sweeps;

/// <summary>
/// One point of a sweep: a config with one value for each grid key. Name is its directory in the sweep's
/// output, made from the config's Name and the keys and values (<see cref="PointName"/>); Options are the
/// validated options its networks train with.
/// </summary>
public sealed record SweepPoint(string Name, string Config, IReadOnlyList<KeyValuePair<string, string>> Values, ExperimentOptions Options);
