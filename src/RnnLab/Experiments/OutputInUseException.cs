namespace RnnLab.Experiments;

/// <summary>Another process writes the same output now (analysis, comparison, report, export or sweep; it holds its lock); the message names it.</summary>
public sealed class OutputInUseException(string message) : IOException(message);
