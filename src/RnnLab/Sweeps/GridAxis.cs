namespace RnnLab.Sweeps;

/// <summary>One key a sweep varies ("Model:Units") and its values, each as the config text it sets and as written in JSON.</summary>
public sealed record GridAxis(string Key, IReadOnlyList<GridValue> Values);

/// <summary>A value of a grid axis or of the Set block: Text is what the config key is set to; Json as the sweep file wrote it.</summary>
public sealed record GridValue(string Text, string Json);
