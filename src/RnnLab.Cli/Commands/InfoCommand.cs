using RnnLab.Cli.Diagnostics;

namespace RnnLab.Cli.Commands;

/// <summary>`rnnlab info`: which TorchSharp, libtorch, BLAS, instruction set and threads this installation uses.</summary>
public sealed class InfoCommand : ICommand
{
    /// <inheritdoc />
    public string Name => "info";

    /// <inheritdoc />
    public string Summary => "diagnostics: TorchSharp, libtorch, BLAS, instruction set, threads, devices";

    /// <inheritdoc />
    public int Run(string[] args)
    {
        if (args.Length > 0 && args[0] is "-h" or "--help")
        {
            Console.WriteLine("usage: ./rnnlab info");
            return 0;
        }
        if (args.Length > 0) throw new UsageException($"unknown option '{args[0]}'; info takes none.");
        foreach (var (key, value) in RuntimeReport.Collect()) Console.WriteLine($"{key,-22} {value}");
        return 0;
    }
}
