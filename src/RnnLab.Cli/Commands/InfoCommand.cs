using System.CommandLine;
using RnnLab.Cli.Diagnostics;

namespace RnnLab.Cli.Commands;

/// <summary>`rnnlab info`: which TorchSharp, libtorch, BLAS, instruction set and threads this installation uses.</summary>
public sealed class InfoCommand : ICommand
{
    /// <inheritdoc />
    public Command Build()
    {
        var command = new Command("info", "diagnostics: TorchSharp, libtorch, BLAS, instruction set, threads, devices");
        command.SetAction(_ => Run());
        return command;
    }

    private static int Run()
    {
        foreach (var (key, value) in RuntimeReport.Collect()) Console.WriteLine($"{key,-22} {value}");
        return 0;
    }
}
