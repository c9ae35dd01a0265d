namespace RnnLab.Experiments;

/// <summary>Another process trains the network now (it holds the network's lock); the message names it.</summary>
public sealed class NetworkInUseException(string message) : IOException(message);
