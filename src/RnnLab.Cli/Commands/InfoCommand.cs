using RnnLab.Cli.Diagnostics;

namespace RnnLab.Cli.Commands;

/// <summary>`rnnlab info`: which libtorch, BLAS, CPU kernels and threads this installation uses.</summary>
public sealed class InfoCommand : ICommand
{
    /// <inheritdoc />
    public string Name => "info";

    /// <inheritdoc />
    public string Summary => "diagnostics: libtorch, BLAS library and core type, threads, devices";

    /// <inheritdoc />
    public int Run(string[] args)
    {
        if (args.Length > 0 && args[0] is "-h" or "--help")
        {
            Console.WriteLine("usage: ./rnnlab info [--config]\n  --config  also print libtorch's full build configuration");
            return 0;
        }
        if (args.Any(a => a != "--config")) throw new UsageException($"unknown option '{args.First(a => a != "--config")}'; allowed: --config.");
        foreach (var (key, value) in RuntimeReport.Collect()) Console.WriteLine($"{key,-22} {value}");
        if (args.Contains("--config"))
        {
            Console.WriteLine();
            Console.WriteLine(RnnLab.Torch.torch.build_config());
        }
        return 0;
    }
}
