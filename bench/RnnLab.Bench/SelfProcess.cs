using System.Diagnostics;

namespace RnnLab.Bench;

/// <summary>Starts this bench program again with other arguments (the plain-TorchSharp baseline).</summary>
internal static class SelfProcess
{
    /// <summary>`dotnet RnnLab.Bench.dll ...` or the app host itself, output redirected.</summary>
    public static ProcessStartInfo StartInfo(IEnumerable<string> args)
    {
        var host = Environment.ProcessPath ?? "dotnet";
        var info = new ProcessStartInfo(host) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        if (Path.GetFileNameWithoutExtension(host) == "dotnet") info.ArgumentList.Add(typeof(SelfProcess).Assembly.Location);
        foreach (var a in args) info.ArgumentList.Add(a);
        return info;
    }
}
