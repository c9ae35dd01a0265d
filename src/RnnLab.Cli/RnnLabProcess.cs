using System.Diagnostics;

namespace RnnLab.Cli;

/// <summary>Starts another rnnlab process: the networks of a multi-seed run, the bench's plain-TorchSharp baseline.</summary>
internal static class RnnLabProcess
{
    /// <summary>The command that starts the same rnnlab that runs now: the app host, or dotnet and RnnLab.Cli.dll.</summary>
    public static IReadOnlyList<string> Command()
    {
        var host = Environment.ProcessPath ?? "dotnet";
        return Path.GetFileNameWithoutExtension(host) == "dotnet" ? [host, typeof(RnnLabProcess).Assembly.Location] : [host];
    }

    /// <summary>The same rnnlab that runs now (`dotnet RnnLab.Cli.dll ...` or the app host itself) with these arguments, output redirected.</summary>
    public static ProcessStartInfo StartInfo(IEnumerable<string> args)
    {
        var command = Command();
        var info = new ProcessStartInfo(command[0]) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in command.Skip(1).Concat(args)) info.ArgumentList.Add(a);
        return info;
    }
}
