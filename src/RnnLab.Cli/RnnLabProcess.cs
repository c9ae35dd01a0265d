using System.Diagnostics;

namespace RnnLab.Cli;

/// <summary>Starts another rnnlab process: the networks of a multi-seed run, the bench's plain-TorchSharp baseline.</summary>
internal static class RnnLabProcess
{
    /// <summary>The same rnnlab that runs now (`dotnet RnnLab.Cli.dll ...` or the app host itself) with these arguments, output redirected.</summary>
    public static ProcessStartInfo StartInfo(IEnumerable<string> args)
    {
        var host = Environment.ProcessPath ?? "dotnet";
        var info = new ProcessStartInfo(host) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        if (Path.GetFileNameWithoutExtension(host) == "dotnet") info.ArgumentList.Add(typeof(RnnLabProcess).Assembly.Location);
        foreach (var a in args) info.ArgumentList.Add(a);
        return info;
    }
}
