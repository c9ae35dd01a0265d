using System.CommandLine;
using RnnLab.Cli.Diagnostics;
using RnnLab.Experiments;

namespace RnnLab.Cli.Commands;

/// <summary>
/// `rnnlab info`: which TorchSharp, libtorch, BLAS, instruction set and threads this installation uses;
/// with --config-reference, every config key as Markdown (docs/config.md).
/// </summary>
public sealed class InfoCommand : ICommand
{
    /// <inheritdoc />
    public Command Build()
    {
        var reference = new Option<bool>("--config-reference") { Description = "print every config key, its default, what is allowed and its meaning, as Markdown (docs/config.md)" };
        var command = new Command("info", "diagnostics: TorchSharp, libtorch, BLAS, instruction set, threads, devices") { reference };
        command.SetAction(parse => parse.GetValue(reference) ? Reference() : Run());
        return command;
    }

    private static int Run()
    {
        foreach (var (key, value) in RuntimeReport.Collect()) Console.WriteLine($"{key,-22} {value}");
        return 0;
    }

    private static int Reference()
    {
        Console.Write(ConfigReferenceMarkdown());
        return 0;
    }

    /// <summary>docs/config.md as this command writes it.</summary>
    public static string ConfigReferenceMarkdown() => ConfigReference.Markdown(
        "<!-- Generated from the option records by `./rnnlab info --config-reference`; a test fails when this file and the records disagree. -->");
}
