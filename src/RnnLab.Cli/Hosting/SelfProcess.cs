using System.Diagnostics;

namespace RnnLab.Cli.Hosting;

/// <summary>Starts another process of the program that runs now: rnnlab's workers, the bench's plain-TorchSharp baseline.</summary>
public static class SelfProcess
{
    /// <summary>
    /// The command that starts the program this file is compiled into (rnnlab, or the bench): its app host,
    /// or dotnet and its assembly. Not the entry assembly, which under a test host is the test runner.
    /// </summary>
    public static IReadOnlyList<string> Command()
    {
        var host = Environment.ProcessPath ?? "dotnet";
        return Path.GetFileNameWithoutExtension(host) == "dotnet" ? [host, typeof(SelfProcess).Assembly.Location] : [host];
    }

    /// <summary>The same program with these arguments, output redirected.</summary>
    public static ProcessStartInfo StartInfo(IEnumerable<string> args)
    {
        var command = Command();
        var info = new ProcessStartInfo(command[0]) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in command.Skip(1).Concat(args)) info.ArgumentList.Add(a);
        return info;
    }
}
