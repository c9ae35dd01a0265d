using System.Text;

namespace RnnLab.Build.Tests;

public sealed class SystemLibrariesTests
{
    [Fact]
    public void Find_LibStdCxxOnThisMachine_DefinesGlibcxx3430ButNot3432()
    {
        // This machine is Debian 12, whose libstdc++ (GCC 12) stops at GLIBCXX_3.4.30: the very situation
        // the build step exists for.
        string? path = SystemLibraries.Find("libstdc++.so.6");

        Assert.NotNull(path);
        var elf = ElfFile.Read(path);
        Assert.True(elf.DefinesVersion("GLIBCXX_3.4.30"));
        Assert.False(elf.DefinesVersion("GLIBCXX_3.4.32"));
        var definition = Assert.Single(elf.Definitions, d => d.IsBase);
        Assert.Equal("libstdc++.so.6", definition.Name);
        // Independent of the reader: a version the library defines has its name in .dynstr, one it lacks
        // appears nowhere in the file.
        byte[] image = File.ReadAllBytes(path);
        Assert.True(Contains(image, "GLIBCXX_3.4.30\0"));
        Assert.False(Contains(image, "GLIBCXX_3.4.32\0"));
    }

    [Fact]
    public void Find_LibStdCxx_AgreesWithTheNameOfTheFileItResolvesTo()
    {
        // libstdc++.so.6.0.N pairs with GLIBCXX_3.4.N as its newest version (since GCC 5), which gives a
        // check of the version list that works on any machine.
        string path = SystemLibraries.Find("libstdc++.so.6")!;
        string real = new FileInfo(path).ResolveLinkTarget(returnFinalTarget: true)?.Name ?? Path.GetFileName(path);
        int minor = int.Parse(real.Substring("libstdc++.so.6.0.".Length), System.Globalization.CultureInfo.InvariantCulture);

        var elf = ElfFile.Read(path);

        Assert.True(elf.DefinesVersion($"GLIBCXX_3.4.{minor}"));
        Assert.False(elf.DefinesVersion($"GLIBCXX_3.4.{minor + 1}"));
    }

    [Fact]
    public void ParseLdconfig_SeveralArchitectures_PicksTheX8664EntryThatExists()
    {
        string real = SystemLibraries.Find("libstdc++.so.6")!;
        string output =
            "1234 libs found in cache `/etc/ld.so.cache'\n" +
            "\tlibstdc++.so.6 (libc6) => /nonexistent/i386/libstdc++.so.6\n" +
            "\tlibstdc++.so.6 (libc6,x86-64) => /nonexistent/lib64/libstdc++.so.6\n" +
            $"\tlibstdc++.so.6 (libc6,x86-64) => {real}\n" +
            "\tlibstdc++.so (libc6,x86-64) => /usr/lib/x86_64-linux-gnu/libstdc++.so\n";

        Assert.Equal(real, SystemLibraries.ParseLdconfig(output, "libstdc++.so.6"));
        Assert.Null(SystemLibraries.ParseLdconfig(output, "libnothing.so.1"));
    }

    private static bool Contains(byte[] haystack, string needle) =>
        haystack.AsSpan().IndexOf(Encoding.ASCII.GetBytes(needle)) >= 0;
}
