using System.Diagnostics;

namespace RnnLab.Build.Tests;

/// <summary>
/// Runs the real MSBuild step: `dotnet build` and `dotnet publish` of a throwaway project that gets the
/// repository's Directory.Build.targets and copies libLibTorchSharp.so from the NuGet cache into its output
/// the way a TorchSharp package reference does.
/// </summary>
public sealed class MSBuildStepTests
{
    private static readonly TimeSpan BuildTimeout = TimeSpan.FromMinutes(5);

    [Fact]
    [Trait("Category", "Slow")]
    public void Build_ProjectWithLibLibTorchSharpInOutput_PatchesOutputCopiesOnlyWhenSystemLacksVersion()
    {
        string original = TorchSharpPackages.LibLibTorchSharp;
        byte[] originalBytes = File.ReadAllBytes(original);
        using var directory = new TempDirectory();
        string project = WriteProject(directory.Path, original);
        string output = Path.Combine(directory.Path, "bin", "Debug", "net10.0", "runtimes", "linux-x64", "native", "libLibTorchSharp.so");

        // A version this machine's libstdc++ does define: the step must leave the copy alone.
        string log = Dotnet(directory.Path, "build", project, "-p:RnnLabWeakenGlibcxxVersion=GLIBCXX_3.4.30");
        Assert.Equal(originalBytes, File.ReadAllBytes(output));
        Assert.DoesNotContain("Marked GLIBCXX", log);

        // The real case: the copy is patched, with one message, and the cache is not.
        log = Dotnet(directory.Path, "build", project);
        Assert.Contains($"Marked GLIBCXX_3.4.32 of libstdc++.so.6 weak in {output}", log);
        Assert.True(IsWeak(output));
        byte[] patched = File.ReadAllBytes(output);
        DateTime patchedTime = File.GetLastWriteTimeUtc(output);

        // Incremental: MSBuild sees the copy as up to date (same size and time as the package's file), so
        // it neither copies the original over it nor is there anything to patch again.
        log = Dotnet(directory.Path, "build", project);
        Assert.DoesNotContain("Marked GLIBCXX", log);
        Assert.Equal(patched, File.ReadAllBytes(output));
        Assert.Equal(patchedTime, File.GetLastWriteTimeUtc(output));

        // A deleted copy comes back from the package and is patched again.
        File.Delete(output);
        log = Dotnet(directory.Path, "build", project);
        Assert.Contains("Marked GLIBCXX_3.4.32", log);
        Assert.True(IsWeak(output));

        // Publish has its own copy step.
        string publish = Path.Combine(directory.Path, "publish");
        log = Dotnet(directory.Path, "publish", project, "-c", "Debug", "--no-build", "-o", publish);
        Assert.True(IsWeak(Path.Combine(publish, "runtimes", "linux-x64", "native", "libLibTorchSharp.so")));

        Assert.Equal(originalBytes, File.ReadAllBytes(original));
    }

    private static bool IsWeak(string path) =>
        ElfFile.Read(path).FindRequirement("libstdc++.so.6", "GLIBCXX_3.4.32")!.IsWeak;

    private static string WriteProject(string directory, string library)
    {
        File.WriteAllText(Path.Combine(directory, "Directory.Build.targets"), $"""
            <Project>
              <Import Project="{Path.Combine(RepositoryRoot(), "Directory.Build.targets")}" />
            </Project>
            """);
        string project = Path.Combine(directory, "probe.csproj");
        File.WriteAllText(project, $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <TargetFramework>net10.0</TargetFramework>
              </PropertyGroup>
              <ItemGroup>
                <None Include="{library}" Link="runtimes/linux-x64/native/libLibTorchSharp.so" CopyToOutputDirectory="PreserveNewest" />
              </ItemGroup>
            </Project>
            """);
        return project;
    }

    private static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory != null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "build", "WeakenGlibcxxRequirement.targets")))
                return directory.FullName;
        }
        throw new DirectoryNotFoundException($"No directory above {AppContext.BaseDirectory} holds build/WeakenGlibcxxRequirement.targets");
    }

    private static string Dotnet(string workingDirectory, params string[] arguments)
    {
        var info = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (string argument in arguments)
            info.ArgumentList.Add(argument);
        // Normal verbosity shows the step's message; no build servers or reused nodes outlive the test.
        foreach (string argument in new[] { "-nologo", "-v:n", "-nodeReuse:false", "-p:UseSharedCompilation=false", "--disable-build-servers" })
            info.ArgumentList.Add(argument);
        // The test host runs under `dotnet test`, whose MSBuild settings must not leak into this build.
        foreach (string name in info.Environment.Keys.Where(k => k.StartsWith("MSBuild", StringComparison.OrdinalIgnoreCase)).ToList())
            info.Environment.Remove(name);
        info.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        info.Environment["DOTNET_NOLOGO"] = "1";

        using var process = Process.Start(info)!;
        var stderr = process.StandardError.ReadToEndAsync();
        var stdout = process.StandardOutput.ReadToEndAsync();
        if (!process.WaitForExit(BuildTimeout))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"dotnet {string.Join(' ', arguments)} ran longer than {BuildTimeout}");
        }
        string log = stdout.Result + stderr.Result;
        Assert.True(process.ExitCode == 0, $"dotnet {string.Join(' ', arguments)} failed ({process.ExitCode}):\n{log}");
        return log;
    }
}
