namespace RnnLab.Sweeps;

/// <summary>One key a sweep varies ("Model:Units") and its values, each the text the config key is set to.</summary>
public sealed record GridAxis(string Key, IReadOnlyList<string> Values);
