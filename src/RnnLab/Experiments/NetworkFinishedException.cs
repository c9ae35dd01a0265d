namespace RnnLab.Experiments;

/// <summary>The network finished (another process wrote its final weights) before this writer took its lock.</summary>
public sealed class NetworkFinishedException(string message) : InvalidOperationException(message);
