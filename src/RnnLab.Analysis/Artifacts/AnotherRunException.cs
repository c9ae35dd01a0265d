namespace RnnLab.Analysis.Artifacts;

/// <summary>An analysis file was computed from another run than the one now in its folder (train --force made a new one); the message names the file and the command that makes it again.</summary>
public sealed class AnotherRunException(string message) : IOException(message);
