using System.CommandLine;

namespace RnnLab.Cli.Commands;

/// <summary>One verb of the rnnlab command.</summary>
public interface ICommand
{
    /// <summary>The verb: its name, description, typed arguments and options, and its action (which returns the exit code).</summary>
    Command Build();
}
