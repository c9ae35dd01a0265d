namespace RnnLab.Cli.Commands;

/// <summary>The command line was wrong; the message says what is allowed. Exits with code 2.</summary>
public sealed class UsageException(string message) : Exception(message);
