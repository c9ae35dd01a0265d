namespace RnnLab.Cli.Commands;

/// <summary>One verb of the rnnlab command.</summary>
public interface ICommand
{
    /// <summary>The verb as typed.</summary>
    string Name { get; }

    /// <summary>One line for --help.</summary>
    string Summary { get; }

    /// <summary>Runs the verb with the arguments after it; returns the exit code.</summary>
    int Run(string[] args);
}
