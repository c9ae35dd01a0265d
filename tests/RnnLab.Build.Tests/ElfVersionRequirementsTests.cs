using System.Runtime.InteropServices;

namespace RnnLab.Build.Tests;

public sealed partial class ElfVersionRequirementsTests
{
    private const string LibStdCxx = "libstdc++.so.6";
    private const string Version = "GLIBCXX_3.4.32";

    [Fact]
    public void Read_RealLibLibTorchSharp_SeesWhatReadelfShows()
    {
        var elf = ElfFile.Read(TorchSharpPackages.LibLibTorchSharp);

        Assert.Equal(TorchSharpPackages.RequirementCount, elf.Requirements.Count);
        var requirement = elf.FindRequirement(LibStdCxx, Version);
        Assert.NotNull(requirement);
        Assert.Equal(TorchSharpPackages.Glibcxx3432Index, requirement.Index);
        Assert.Equal(TorchSharpPackages.Glibcxx3432FlagsOffset, requirement.FlagsOffset);
        Assert.False(requirement.IsWeak);
        Assert.Equal(TorchSharpPackages.RelocationCount, elf.Relocations.Count);
        // The one symbol of that version is the GCC 13 marker, and nothing relocates against it.
        var ofThatVersion = Assert.Single(elf.DynamicSymbols, s => s.VersionIndex == requirement.Index);
        Assert.Equal(TorchSharpPackages.MarkerSymbol, ofThatVersion.Name);
        Assert.Empty(elf.RelocatedSymbolsOfVersion(requirement.Index));
        Assert.Empty(elf.DynamicSectionMismatches());
    }

    [Fact]
    public void Weaken_CopyOfRealLibLibTorchSharp_SetsWeakFlagInThatFieldOnlyAndLeavesOriginalAlone()
    {
        string original = TorchSharpPackages.LibLibTorchSharp;
        byte[] originalBytes = File.ReadAllBytes(original);
        DateTime originalTime = File.GetLastWriteTimeUtc(original);
        using var directory = new TempDirectory();
        string copy = directory.Copy(original);
        byte[] before = File.ReadAllBytes(copy);
        UnixFileMode mode = File.GetUnixFileMode(copy);
        DateTime time = File.GetLastWriteTimeUtc(copy);

        var outcome = ElfVersionRequirements.Weaken(copy, LibStdCxx, Version);

        Assert.Equal(WeakenOutcome.Patched, outcome);
        byte[] after = File.ReadAllBytes(copy);
        Assert.Equal(before.Length, after.Length);
        long at = TorchSharpPackages.Glibcxx3432FlagsOffset;
        var changed = Enumerable.Range(0, before.Length).Where(i => before[i] != after[i]).ToList();
        Assert.NotEmpty(changed);
        Assert.All(changed, i => Assert.InRange(i, at, at + 1));
        Assert.Equal(0, Bytes.U16(before, at));
        Assert.Equal(ElfFile.VerFlagWeak, Bytes.U16(after, at));
        Assert.True(ElfFile.Read(copy).FindRequirement(LibStdCxx, Version)!.IsWeak);
        // Same permissions and time, so MSBuild's copy-if-changed keeps the patched copy; no temporary left behind.
        Assert.Equal(mode, File.GetUnixFileMode(copy));
        Assert.Equal(time, File.GetLastWriteTimeUtc(copy));
        Assert.Equal(new[] { copy }, Directory.GetFiles(directory.Path));
        Assert.Equal(originalBytes, File.ReadAllBytes(original));
        Assert.Equal(originalTime, File.GetLastWriteTimeUtc(original));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Weaken_OutputCopyIsLinkToPackageFile_ReplacesTheLinkAndLeavesPackageFileAlone(bool symbolic)
    {
        // MSBuild makes output copies links into the NuGet cache when CreateHardLinksForCopyLocalIfPossible or
        // CreateSymbolicLinksForCopyLocalIfPossible is set; writing through such a link would patch the cache.
        using var directory = new TempDirectory();
        string package = directory.Copy(TorchSharpPackages.LibLibTorchSharp, "package.so");
        byte[] packageBytes = File.ReadAllBytes(package);
        string output = Path.Combine(directory.Path, "libLibTorchSharp.so");
        if (symbolic)
            File.CreateSymbolicLink(output, package);
        else
            Assert.True(HardLink(package, output) == 0, $"link() failed: {Marshal.GetLastPInvokeErrorMessage()}");

        Assert.Equal(WeakenOutcome.Patched, ElfVersionRequirements.Weaken(output, LibStdCxx, Version));

        Assert.True(ElfFile.Read(output).FindRequirement(LibStdCxx, Version)!.IsWeak);
        Assert.Null(new FileInfo(output).LinkTarget);
        Assert.Equal(packageBytes, File.ReadAllBytes(package));
    }

    [LibraryImport("libc", EntryPoint = "link", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    private static partial int HardLink(string existing, string link);

    [Fact]
    public void Weaken_AlreadyWeak_IsNoOp()
    {
        using var directory = new TempDirectory();
        string copy = directory.Copy(TorchSharpPackages.LibLibTorchSharp);
        Assert.Equal(WeakenOutcome.Patched, ElfVersionRequirements.Weaken(copy, LibStdCxx, Version));
        byte[] patched = File.ReadAllBytes(copy);
        // Make any rewrite visible: a replaced file would carry the original's time again.
        var marker = new DateTime(2001, 2, 3, 4, 5, 6, DateTimeKind.Utc);
        File.SetLastWriteTimeUtc(copy, marker);

        var outcome = ElfVersionRequirements.Weaken(copy, LibStdCxx, Version);

        Assert.Equal(WeakenOutcome.AlreadyWeak, outcome);
        Assert.Equal(patched, File.ReadAllBytes(copy));
        Assert.Equal(marker, File.GetLastWriteTimeUtc(copy));
        Assert.Equal(new[] { copy }, Directory.GetFiles(directory.Path));
    }

    [Theory]
    [InlineData(LibStdCxx, "GLIBCXX_3.4.99")]
    [InlineData("libc.so.6", Version)]
    public void Weaken_VersionNotRequired_ReportsNotNeededAndLeavesFileUntouched(string neededFile, string version)
    {
        using var directory = new TempDirectory();
        string copy = directory.Copy(TorchSharpPackages.LibLibTorchSharp);
        byte[] before = File.ReadAllBytes(copy);

        var outcome = ElfVersionRequirements.Weaken(copy, neededFile, version);

        Assert.Equal(WeakenOutcome.NotNeeded, outcome);
        Assert.Equal(before, File.ReadAllBytes(copy));
    }

    public enum Craft
    {
        /// <summary>A relocated symbol's .gnu.version entry rewritten to GLIBCXX_3.4.32's index.</summary>
        RelocatedSymbolGetsThatVersion,
        /// <summary>The same, with the hidden bit (0x8000) set, which must not hide the match.</summary>
        RelocatedSymbolGetsThatVersionHidden,
        /// <summary>A relocation's r_info pointed at the marker symbol itself.</summary>
        RelocationPointsAtMarkerSymbol,
    }

    [Theory]
    [InlineData(Craft.RelocatedSymbolGetsThatVersion)]
    [InlineData(Craft.RelocatedSymbolGetsThatVersionHidden)]
    [InlineData(Craft.RelocationPointsAtMarkerSymbol)]
    public void Weaken_RelocationUsesSymbolOfThatVersion_RefusesAndLeavesFileUntouched(Craft craft)
    {
        using var directory = new TempDirectory();
        string path = Path.Combine(directory.Path, "libLibTorchSharp.so");
        byte[] image = File.ReadAllBytes(TorchSharpPackages.LibLibTorchSharp);
        var elf = ElfFile.Parse(image, path);
        var relocation = elf.Relocations.First(r => r.Section == ".rela.plt" && r.SymbolIndex != 0);
        var symbol = elf.DynamicSymbols[(int)relocation.SymbolIndex];
        string expectedSymbol;
        switch (craft)
        {
            case Craft.RelocatedSymbolGetsThatVersion:
                Bytes.PutU16(image, symbol.VersymOffset, TorchSharpPackages.Glibcxx3432Index);
                expectedSymbol = symbol.Name;
                break;
            case Craft.RelocatedSymbolGetsThatVersionHidden:
                Bytes.PutU16(image, symbol.VersymOffset, (ushort)(0x8000 | TorchSharpPackages.Glibcxx3432Index));
                expectedSymbol = symbol.Name;
                break;
            default:
                var marker = elf.DynamicSymbols.Single(s => s.Name == TorchSharpPackages.MarkerSymbol);
                ulong info = Bytes.U64(image, relocation.InfoOffset);
                Bytes.PutU64(image, relocation.InfoOffset, (ulong)marker.Index << 32 | (info & 0xffffffff));
                expectedSymbol = marker.Name;
                break;
        }
        File.WriteAllBytes(path, image);

        var error = Assert.Throws<InvalidOperationException>(() => ElfVersionRequirements.Weaken(path, LibStdCxx, Version));

        Assert.Contains(path, error.Message);
        Assert.Contains(Version, error.Message);
        Assert.Contains(expectedSymbol, error.Message);
        Assert.Equal(image, File.ReadAllBytes(path));
        Assert.Equal(new[] { path }, Directory.GetFiles(directory.Path));
    }

    [Fact]
    public void Weaken_DynamicRelocationTableOutsideSections_RefusesAndLeavesFileUntouched()
    {
        // ld.so reads relocation tables through .dynamic; if those reach beyond the sections the check
        // scanned (here: DT_PLTRELSZ grown by one entry), the check proves nothing and must not pass.
        using var directory = new TempDirectory();
        string path = Path.Combine(directory.Path, "libLibTorchSharp.so");
        byte[] image = File.ReadAllBytes(TorchSharpPackages.LibLibTorchSharp);
        var dynamic = ElfFile.Parse(image, path).Sections.Single(s => s.Type == ElfFile.SectionTypeDynamic);
        const ulong dtPltRelSz = 2;
        long entry = dynamic.Offset;
        while (Bytes.U64(image, entry) != dtPltRelSz)
            entry += 16;
        Bytes.PutU64(image, entry + 8, Bytes.U64(image, entry + 8) + 24);
        File.WriteAllBytes(path, image);

        var error = Assert.Throws<InvalidOperationException>(() => ElfVersionRequirements.Weaken(path, LibStdCxx, Version));

        Assert.Contains(path, error.Message);
        Assert.Contains("DT_JMPREL", error.Message);
        Assert.Equal(image, File.ReadAllBytes(path));
    }

    [Theory]
    [InlineData("")]
    [InlineData("#!/bin/sh\necho this is not a shared library\n")]
    [InlineData("MZ\u0090\0")]
    public void Read_NotElf_ThrowsNamingTheFile(string content)
    {
        using var directory = new TempDirectory();
        string path = Path.Combine(directory.Path, "libLibTorchSharp.so");
        File.WriteAllText(path, content);

        var error = Assert.Throws<ElfFormatException>(() => ElfFile.Read(path));

        Assert.Contains(path, error.Message);
        Assert.Contains("not an ELF file", error.Message);
    }

    [Theory]
    [InlineData(4)]            // magic only
    [InlineData(40)]           // inside the ELF header
    [InlineData(4096)]         // header intact, section headers (at the end of the file) cut off
    [InlineData(0x3f900)]      // cut inside .gnu.version_r
    public void Read_TruncatedLibrary_ThrowsSayingTruncated(int length)
    {
        using var directory = new TempDirectory();
        string path = Path.Combine(directory.Path, "libLibTorchSharp.so");
        File.WriteAllBytes(path, File.ReadAllBytes(TorchSharpPackages.LibLibTorchSharp).AsSpan(0, length).ToArray());

        var error = Assert.Throws<ElfFormatException>(() => ElfFile.Read(path));

        Assert.Contains(path, error.Message);
        Assert.Contains("truncated", error.Message);
    }

    [Fact]
    public void Read_SectionRunsPastEndOfFile_ThrowsSayingTruncated()
    {
        // Section headers intact but the data they describe missing: drop 64 KiB from the middle of the
        // file and move the section header table down with the rest.
        byte[] image = File.ReadAllBytes(TorchSharpPackages.LibLibTorchSharp);
        const int cut = 0x10000, from = 0x60000;
        byte[] shortened = image.Take(from).Concat(image.Skip(from + cut)).ToArray();
        long shoff = (long)Bytes.U64(image, 0x28);
        Bytes.PutU64(shortened, 0x28, (ulong)(shoff - cut));

        var error = Assert.Throws<ElfFormatException>(() => ElfFile.Parse(shortened, "shortened.so"));

        Assert.Contains("shortened.so", error.Message);
        Assert.Contains("truncated", error.Message);
    }

    [Fact]
    public void Read_Elf32_ThrowsSayingOnlyElf64()
    {
        byte[] image = File.ReadAllBytes(TorchSharpPackages.LibLibTorchSharp);
        image[4] = 1; // EI_CLASS = ELFCLASS32

        var error = Assert.Throws<ElfFormatException>(() => ElfFile.Parse(image, "elf32.so"));

        Assert.Contains("ELF64", error.Message);
    }

    [Fact]
    public void Weaken_TruncatedLibrary_ThrowsAndLeavesFileUntouched()
    {
        using var directory = new TempDirectory();
        string path = Path.Combine(directory.Path, "libLibTorchSharp.so");
        byte[] image = File.ReadAllBytes(TorchSharpPackages.LibLibTorchSharp).AsSpan(0, 100_000).ToArray();
        File.WriteAllBytes(path, image);

        Assert.Throws<ElfFormatException>(() => ElfVersionRequirements.Weaken(path, LibStdCxx, Version));

        Assert.Equal(image, File.ReadAllBytes(path));
        Assert.Equal(new[] { path }, Directory.GetFiles(directory.Path));
    }
}
