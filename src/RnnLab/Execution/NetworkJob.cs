using System.Diagnostics;

namespace RnnLab.Execution;

/// <summary>
/// One network to train in a process of its own: a label for progress and messages, and the command that
/// trains or resumes it (an `rnnlab` verb; the caller knows how its own program is started).
/// </summary>
public sealed record NetworkJob(string Label, ProcessStartInfo StartInfo);
