using RnnLab.Experiments;

namespace RnnLab.Analysis.CrossNetwork;

/// <summary>
/// One point of a study's grid as the fixed-point census sees it: its name, its value of every grid key
/// ("Model:Units" = "128"; the text the key was set to, as a sweep point keeps it)
/// and the run that holds its networks. Every point of one census has the same keys.
/// </summary>
public sealed record CensusPoint(string Name, IReadOnlyList<KeyValuePair<string, string>> Values, RunDirectory Run);
