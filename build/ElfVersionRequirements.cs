// A small ELF64 little-endian reader for the symbol-versioning sections of a shared library, and the one
// patch this repository needs: marking a needed version (a Vernaux entry of .gnu.version_r) weak.
//
// Why: TorchSharp's libLibTorchSharp.so is linked with GCC 13, which records a need for GLIBCXX_3.4.32
// only because of the link-time marker symbol _ZSt21ios_base_library_initv. Nothing relocates against
// that symbol, so the library never uses anything from GLIBCXX_3.4.32, yet ld.so refuses to load it on a
// system whose libstdc++ stops at an older version (Debian 12: GLIBCXX_3.4.30). With VER_FLG_WEAK set on
// that requirement, ld.so only reports the missing version under LD_TRACE/verbose and loads the library.
// The patch is applied to the build's output copy, never to the NuGet cache.
//
// This one file is compiled twice: by MSBuild's RoslynCodeTaskFactory (WeakenGlibcxxRequirement.targets),
// which accepts a single source file and compiles it against netstandard (so no Span, no newer BCL APIs
// here), and by tests/RnnLab.Build.Tests, which defines RNNLAB_ELF_READER_ONLY to leave out the MSBuild
// task class and with it any need for MSBuild's assemblies.
#nullable enable

using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Text;

namespace RnnLab.Build
{
    /// <summary>The input is not an ELF64 little-endian file, or it is cut short or inconsistent.</summary>
    public sealed class ElfFormatException : Exception
    {
        /// <summary>Creates the exception with a message that names the file.</summary>
        public ElfFormatException(string message) : base(message) { }
    }

    /// <summary>One section header.</summary>
    public sealed class ElfSection
    {
        internal ElfSection(int index, string name, uint type, ulong address, long offset, long size, uint link, uint info, long entrySize)
        {
            Index = index; Name = name; Type = type; Address = address; Offset = offset; Size = size; Link = link; Info = info; EntrySize = entrySize;
        }

        /// <summary>Index in the section header table.</summary>
        public int Index { get; }
        /// <summary>Name from the section header string table ("" when there is none).</summary>
        public string Name { get; }
        /// <summary>sh_type.</summary>
        public uint Type { get; }
        /// <summary>sh_addr.</summary>
        public ulong Address { get; }
        /// <summary>sh_offset: where the section's bytes start in the file.</summary>
        public long Offset { get; }
        /// <summary>sh_size.</summary>
        public long Size { get; }
        /// <summary>sh_link.</summary>
        public uint Link { get; }
        /// <summary>sh_info.</summary>
        public uint Info { get; }
        /// <summary>sh_entsize.</summary>
        public long EntrySize { get; }
    }

    /// <summary>A version a library defines (.gnu.version_d).</summary>
    public sealed class ElfVersionDefinition
    {
        internal ElfVersionDefinition(string name, ushort index, bool isBase) { Name = name; Index = index; IsBase = isBase; }

        /// <summary>The version name, e.g. GLIBCXX_3.4.30 (for the base definition: the library's soname).</summary>
        public string Name { get; }
        /// <summary>vd_ndx: the versym index symbols of this version carry.</summary>
        public ushort Index { get; }
        /// <summary>VER_FLG_BASE: the entry names the file itself, not a version of its interface.</summary>
        public bool IsBase { get; }
    }

    /// <summary>A version a library needs from one of its dependencies (a Vernaux entry of .gnu.version_r).</summary>
    public sealed class ElfVersionRequirement
    {
        internal ElfVersionRequirement(string file, string name, ushort flags, ushort index, long flagsOffset)
        {
            File = file; Name = name; Flags = flags; Index = index; FlagsOffset = flagsOffset;
        }

        /// <summary>The dependency (vn_file), e.g. libstdc++.so.6.</summary>
        public string File { get; }
        /// <summary>The version (vna_name), e.g. GLIBCXX_3.4.32.</summary>
        public string Name { get; }
        /// <summary>vna_flags.</summary>
        public ushort Flags { get; }
        /// <summary>vna_other: the versym index that symbols bound to this version carry.</summary>
        public ushort Index { get; }
        /// <summary>File offset of the 2-byte vna_flags field.</summary>
        public long FlagsOffset { get; }
        /// <summary>Whether VER_FLG_WEAK is set, i.e. ld.so tolerates the version's absence.</summary>
        public bool IsWeak => (Flags & ElfFile.VerFlagWeak) != 0;
    }

    /// <summary>An entry of .dynsym with its version index from .gnu.version.</summary>
    public sealed class ElfDynamicSymbol
    {
        internal ElfDynamicSymbol(int index, string name, ushort versym, long versymOffset)
        {
            Index = index; Name = name; Versym = versym; VersymOffset = versymOffset;
        }

        /// <summary>Index in .dynsym.</summary>
        public int Index { get; }
        /// <summary>The symbol's name.</summary>
        public string Name { get; }
        /// <summary>The raw .gnu.version entry, hidden bit (0x8000) included; 1 when the file has no versym.</summary>
        public ushort Versym { get; }
        /// <summary>The version index proper: <see cref="Versym"/> without the hidden bit.</summary>
        public ushort VersionIndex => (ushort)(Versym & 0x7fff);
        /// <summary>File offset of this symbol's .gnu.version entry, or -1 when the file has no versym section.</summary>
        public long VersymOffset { get; }
    }

    /// <summary>A relocation from a SHT_RELA or SHT_REL section that refers to .dynsym.</summary>
    public sealed class ElfRelocation
    {
        internal ElfRelocation(string section, long infoOffset, uint symbolIndex, uint type)
        {
            Section = section; InfoOffset = infoOffset; SymbolIndex = symbolIndex; Type = type;
        }

        /// <summary>The relocation section's name, e.g. .rela.plt.</summary>
        public string Section { get; }
        /// <summary>File offset of r_info.</summary>
        public long InfoOffset { get; }
        /// <summary>The .dynsym index in r_info (0: no symbol).</summary>
        public uint SymbolIndex { get; }
        /// <summary>The relocation type in r_info.</summary>
        public uint Type { get; }
    }

    /// <summary>
    /// The parts of an ELF64 little-endian file that symbol versioning involves: section headers, .dynsym,
    /// .gnu.version, .gnu.version_r, .gnu.version_d, the dynamic relocation sections and .dynamic.
    /// Every read is bounds-checked, so a truncated or non-ELF input gives an <see cref="ElfFormatException"/>.
    /// </summary>
    public sealed class ElfFile
    {
        /// <summary>VER_FLG_BASE in vd_flags.</summary>
        public const ushort VerFlagBase = 0x1;
        /// <summary>VER_FLG_WEAK in vna_flags.</summary>
        public const ushort VerFlagWeak = 0x2;

        /// <summary>SHT_RELA.</summary>
        public const uint SectionTypeRela = 4;
        /// <summary>SHT_DYNAMIC.</summary>
        public const uint SectionTypeDynamic = 6;
        /// <summary>SHT_REL.</summary>
        public const uint SectionTypeRel = 9;
        /// <summary>SHT_DYNSYM.</summary>
        public const uint SectionTypeDynsym = 11;
        /// <summary>SHT_GNU_verdef (.gnu.version_d).</summary>
        public const uint SectionTypeVerdef = 0x6ffffffd;
        /// <summary>SHT_GNU_verneed (.gnu.version_r).</summary>
        public const uint SectionTypeVerneed = 0x6ffffffe;
        /// <summary>SHT_GNU_versym (.gnu.version).</summary>
        public const uint SectionTypeVersym = 0x6fffffff;

        private const uint SectionTypeNoBits = 8;
        private const int HeaderSize = 64;
        private const int SectionHeaderSize = 64;
        private const int SymbolSize = 24;
        private const int RelaSize = 24;
        private const int RelSize = 16;
        private const int DynamicEntrySize = 16;

        // .dynamic tags of the tables ld.so reads (elf.h).
        private const long DtNull = 0, DtPltRelSz = 2, DtRela = 7, DtRelaSz = 8, DtRel = 17, DtRelSz = 18, DtJmpRel = 23;
        private const long DtVersym = 0x6ffffff0, DtVerneed = 0x6ffffffe;

        private readonly byte[] _image;

        private ElfFile(string path, byte[] image)
        {
            Path = path;
            _image = image;
        }

        /// <summary>The file this was read from (used in messages).</summary>
        public string Path { get; }
        /// <summary>All section headers.</summary>
        public IReadOnlyList<ElfSection> Sections { get; private set; } = Array.Empty<ElfSection>();
        /// <summary>The versions the file defines (.gnu.version_d); empty when it has none.</summary>
        public IReadOnlyList<ElfVersionDefinition> Definitions { get; private set; } = Array.Empty<ElfVersionDefinition>();
        /// <summary>The versions the file needs from its dependencies (.gnu.version_r); empty when it has none.</summary>
        public IReadOnlyList<ElfVersionRequirement> Requirements { get; private set; } = Array.Empty<ElfVersionRequirement>();
        /// <summary>The dynamic symbols (.dynsym), with their version indices.</summary>
        public IReadOnlyList<ElfDynamicSymbol> DynamicSymbols { get; private set; } = Array.Empty<ElfDynamicSymbol>();
        /// <summary>The relocations of every SHT_RELA/SHT_REL section that refers to .dynsym.</summary>
        public IReadOnlyList<ElfRelocation> Relocations { get; private set; } = Array.Empty<ElfRelocation>();

        // What .dynamic tells ld.so, kept to check that the sections above describe the same tables.
        private readonly List<KeyValuePair<string, KeyValuePair<ulong, ulong>>> _dynamicRelocationTables = new List<KeyValuePair<string, KeyValuePair<ulong, ulong>>>();
        private ulong? _dynamicVerneed;
        private ulong? _dynamicVersym;
        private int _dynsymIndex = -1;

        /// <summary>Reads and parses a file.</summary>
        /// <exception cref="ElfFormatException">The file is not ELF64 little-endian, or is truncated or inconsistent.</exception>
        public static ElfFile Read(string path) => Parse(File.ReadAllBytes(path), path);

        /// <summary>Parses an in-memory image; <paramref name="path"/> only names it in messages.</summary>
        /// <exception cref="ElfFormatException">The image is not ELF64 little-endian, or is truncated or inconsistent.</exception>
        public static ElfFile Parse(byte[] image, string path)
        {
            var elf = new ElfFile(path, image);
            elf.ParseAll();
            return elf;
        }

        /// <summary>Whether the file defines the version (base definition excluded).</summary>
        public bool DefinesVersion(string name) => Definitions.Any(d => !d.IsBase && d.Name == name);

        /// <summary>The Vernaux entry for <paramref name="version"/> of dependency <paramref name="file"/>, or null.</summary>
        public ElfVersionRequirement? FindRequirement(string file, string version) =>
            Requirements.FirstOrDefault(r => r.File == file && r.Name == version);

        /// <summary>
        /// The dynamic symbols of the given version index (hidden bit ignored) that some relocation refers to:
        /// the symbols ld.so would have to look up in that version.
        /// </summary>
        public IReadOnlyList<ElfDynamicSymbol> RelocatedSymbolsOfVersion(ushort versionIndex)
        {
            ushort index = (ushort)(versionIndex & 0x7fff);
            var referenced = new HashSet<uint>(Relocations.Where(r => r.SymbolIndex != 0).Select(r => r.SymbolIndex));
            return DynamicSymbols.Where(s => s.VersionIndex == index && referenced.Contains((uint)s.Index)).ToList();
        }

        /// <summary>
        /// Problems that make the section view unsafe to reason from: ld.so works from .dynamic, not from
        /// section headers, so a relocation table that .dynamic names but no scanned section covers, or a
        /// DT_VERNEED/DT_VERSYM that points elsewhere than the sections read, means the relocation check
        /// could miss something. Empty for any normally linked library.
        /// </summary>
        public IReadOnlyList<string> DynamicSectionMismatches()
        {
            var problems = new List<string>();
            var relocationSections = Sections.Where(IsDynamicRelocationSection).ToList();
            foreach (var table in _dynamicRelocationTables)
            {
                ulong start = table.Value.Key, size = table.Value.Value;
                if (size == 0)
                    continue;
                bool covered = start + size > start // not wrapped around
                    && relocationSections.Any(s => start >= s.Address && start + size <= s.Address + (ulong)s.Size);
                if (!covered)
                    problems.Add($"{table.Key} table at 0x{start:x} ({size} bytes) is not inside any SHT_RELA/SHT_REL section that refers to .dynsym");
            }
            var verneed = Sections.FirstOrDefault(s => s.Type == SectionTypeVerneed);
            if (_dynamicVerneed.HasValue && (verneed == null || verneed.Address != _dynamicVerneed.Value))
                problems.Add($"DT_VERNEED is 0x{_dynamicVerneed.Value:x} but .gnu.version_r is at 0x{verneed?.Address ?? 0:x}");
            var versym = Sections.FirstOrDefault(s => s.Type == SectionTypeVersym);
            if (_dynamicVersym.HasValue && (versym == null || versym.Address != _dynamicVersym.Value))
                problems.Add($"DT_VERSYM is 0x{_dynamicVersym.Value:x} but .gnu.version is at 0x{versym?.Address ?? 0:x}");
            return problems;
        }

        private bool IsDynamicRelocationSection(ElfSection s) =>
            (s.Type == SectionTypeRela || s.Type == SectionTypeRel) && _dynsymIndex >= 0 && s.Link == (uint)_dynsymIndex;

        private void ParseAll()
        {
            ParseHeaderAndSections();
            ParseDynamicSymbols();
            ParseRequirements();
            ParseDefinitions();
            ParseRelocations();
            ParseDynamic();
        }

        private void ParseHeaderAndSections()
        {
            if (_image.Length < 4 || _image[0] != 0x7f || _image[1] != (byte)'E' || _image[2] != (byte)'L' || _image[3] != (byte)'F')
                throw new ElfFormatException($"{Path}: not an ELF file (it does not start with 0x7f 'E' 'L' 'F'; {_image.Length} bytes)");
            if (_image.Length < HeaderSize)
                throw new ElfFormatException($"{Path}: truncated ELF file: the ELF header needs {HeaderSize} bytes, the file has {_image.Length}");
            if (_image[4] != 2)
                throw new ElfFormatException($"{Path}: not an ELF64 file (EI_CLASS is {_image[4]}); only ELF64 is supported");
            if (_image[5] != 1)
                throw new ElfFormatException($"{Path}: not a little-endian ELF file (EI_DATA is {_image[5]}); only little-endian is supported");

            long shoff = CheckedOffset(U64(0x28), "e_shoff");
            int shentsize = U16(0x3a);
            long shnum = U16(0x3c);
            long shstrndx = U16(0x3e);
            if (shoff == 0)
                throw new ElfFormatException($"{Path}: the file has no section headers, so its relocations cannot be checked");
            if (shentsize != SectionHeaderSize)
                throw new ElfFormatException($"{Path}: e_shentsize is {shentsize}, expected {SectionHeaderSize} for ELF64");
            // Extended numbering (gABI): with 0xff00 or more sections, e_shnum is 0 and section 0's sh_size
            // holds the count; likewise e_shstrndx is SHN_XINDEX and section 0's sh_link holds the index.
            Require(shoff, SectionHeaderSize, "section header 0");
            if (shnum == 0)
                shnum = CheckedOffset(U64(shoff + 0x20), "section count in section 0");
            if (shstrndx == 0xffff)
                shstrndx = U32(shoff + 0x28);
            if (shnum > (_image.Length - shoff) / SectionHeaderSize)
                throw new ElfFormatException($"{Path}: truncated ELF file: {shnum} section headers at offset 0x{shoff:x} need {shnum * SectionHeaderSize} bytes, the file has {_image.Length}");

            var raw = new List<(uint name, uint type, ulong addr, long off, long size, uint link, uint info, long entsize)>();
            for (long i = 0; i < shnum; i++)
            {
                long h = shoff + i * SectionHeaderSize;
                uint type = U32(h + 4);
                long off = CheckedOffset(U64(h + 0x18), "sh_offset");
                long size = CheckedOffset(U64(h + 0x20), "sh_size");
                raw.Add((U32(h), type, U64(h + 0x10), off, size, U32(h + 0x28), U32(h + 0x2c), CheckedOffset(U64(h + 0x38), "sh_entsize")));
            }

            ElfSection? names = null;
            if (shstrndx != 0 && shstrndx < raw.Count)
            {
                var r = raw[(int)shstrndx];
                names = new ElfSection((int)shstrndx, "", r.type, r.addr, r.off, r.size, r.link, r.info, r.entsize);
                Require(names.Offset, names.Size, "the section name table");
            }
            var sections = new List<ElfSection>();
            for (int i = 0; i < raw.Count; i++)
            {
                var r = raw[i];
                string name = names != null && r.name < names.Size ? ReadString(names, r.name, "section name") : "";
                var section = new ElfSection(i, name, r.type, r.addr, r.off, r.size, r.link, r.info, r.entsize);
                if (section.Type != SectionTypeNoBits && section.Type != 0)
                    Require(section.Offset, section.Size, $"section {Describe(section)}");
                sections.Add(section);
            }
            Sections = sections;
        }

        private void ParseDynamicSymbols()
        {
            var dynsym = Sections.FirstOrDefault(s => s.Type == SectionTypeDynsym);
            if (dynsym == null)
                return;
            _dynsymIndex = dynsym.Index;
            var strings = LinkedSection(dynsym, "its string table");
            if (dynsym.Size % SymbolSize != 0)
                throw new ElfFormatException($"{Path}: {Describe(dynsym)} has size {dynsym.Size}, not a multiple of {SymbolSize}");
            long count = dynsym.Size / SymbolSize;

            var versym = Sections.FirstOrDefault(s => s.Type == SectionTypeVersym);
            if (versym != null && versym.Size < count * 2)
                throw new ElfFormatException($"{Path}: {Describe(versym)} has {versym.Size / 2} entries for {count} dynamic symbols");

            var symbols = new List<ElfDynamicSymbol>((int)count);
            for (long i = 0; i < count; i++)
            {
                long e = dynsym.Offset + i * SymbolSize;
                string name = ReadString(strings, U32(e), "symbol name");
                long versymOffset = versym != null ? versym.Offset + i * 2 : -1;
                // Without a versym section every symbol is unversioned-global (index 1).
                ushort value = versym != null ? U16(versymOffset) : (ushort)1;
                symbols.Add(new ElfDynamicSymbol((int)i, name, value, versymOffset));
            }
            DynamicSymbols = symbols;
        }

        private void ParseRequirements()
        {
            var section = Sections.FirstOrDefault(s => s.Type == SectionTypeVerneed);
            if (section == null)
                return;
            var strings = LinkedSection(section, "its string table");
            var requirements = new List<ElfVersionRequirement>();
            long entry = 0;
            // sh_info holds the number of Verneed entries; vn_next chains them and 0 ends the chain.
            for (uint n = 0; n < section.Info; n++)
            {
                long vn = WithinSection(section, entry, 16, "Verneed entry");
                ushort vnVersion = U16(vn);
                if (vnVersion != 1)
                    throw new ElfFormatException($"{Path}: Verneed entry at 0x{vn:x} has vn_version {vnVersion}, expected 1");
                ushort count = U16(vn + 2);
                string file = ReadString(strings, U32(vn + 4), "vn_file");
                long aux = entry + U32(vn + 8);
                for (int a = 0; a < count; a++)
                {
                    long vna = WithinSection(section, aux, 16, "Vernaux entry");
                    string name = ReadString(strings, U32(vna + 8), "vna_name");
                    requirements.Add(new ElfVersionRequirement(file, name, U16(vna + 4), U16(vna + 6), vna + 4));
                    uint next = U32(vna + 12);
                    if (next == 0)
                        break;
                    aux += next;
                }
                uint vnNext = U32(vn + 12);
                if (vnNext == 0)
                    break;
                entry += vnNext;
            }
            Requirements = requirements;
        }

        private void ParseDefinitions()
        {
            var section = Sections.FirstOrDefault(s => s.Type == SectionTypeVerdef);
            if (section == null)
                return;
            var strings = LinkedSection(section, "its string table");
            var definitions = new List<ElfVersionDefinition>();
            long entry = 0;
            for (uint n = 0; n < section.Info; n++)
            {
                long vd = WithinSection(section, entry, 20, "Verdef entry");
                ushort vdVersion = U16(vd);
                if (vdVersion != 1)
                    throw new ElfFormatException($"{Path}: Verdef entry at 0x{vd:x} has vd_version {vdVersion}, expected 1");
                ushort flags = U16(vd + 2);
                ushort index = U16(vd + 4);
                ushort auxCount = U16(vd + 6);
                // The first Verdaux names the version; later ones name its predecessors (not definitions).
                if (auxCount > 0)
                {
                    long vda = WithinSection(section, entry + U32(vd + 12), 8, "Verdaux entry");
                    definitions.Add(new ElfVersionDefinition(ReadString(strings, U32(vda), "vda_name"), index, (flags & VerFlagBase) != 0));
                }
                uint next = U32(vd + 16);
                if (next == 0)
                    break;
                entry += next;
            }
            Definitions = definitions;
        }

        private void ParseRelocations()
        {
            var relocations = new List<ElfRelocation>();
            foreach (var section in Sections.Where(IsDynamicRelocationSection))
            {
                int size = section.Type == SectionTypeRela ? RelaSize : RelSize;
                if (section.Size % size != 0)
                    throw new ElfFormatException($"{Path}: {Describe(section)} has size {section.Size}, not a multiple of {size}");
                for (long e = section.Offset; e < section.Offset + section.Size; e += size)
                {
                    ulong info = U64(e + 8);
                    uint symbol = (uint)(info >> 32);
                    if (symbol >= DynamicSymbols.Count)
                        throw new ElfFormatException($"{Path}: relocation at 0x{e:x} in {Describe(section)} refers to symbol {symbol}, but .dynsym has {DynamicSymbols.Count}");
                    relocations.Add(new ElfRelocation(section.Name, e + 8, symbol, (uint)info));
                }
            }
            Relocations = relocations;
        }

        private void ParseDynamic()
        {
            var dynamic = Sections.FirstOrDefault(s => s.Type == SectionTypeDynamic);
            if (dynamic == null)
                return;
            ulong? rela = null, relaSize = null, rel = null, relSize = null, jmpRel = null, pltRelSize = null;
            for (long e = dynamic.Offset; e + DynamicEntrySize <= dynamic.Offset + dynamic.Size; e += DynamicEntrySize)
            {
                long tag = (long)U64(e);
                ulong value = U64(e + 8);
                if (tag == DtNull) break;
                else if (tag == DtRela) rela = value;
                else if (tag == DtRelaSz) relaSize = value;
                else if (tag == DtRel) rel = value;
                else if (tag == DtRelSz) relSize = value;
                else if (tag == DtJmpRel) jmpRel = value;
                else if (tag == DtPltRelSz) pltRelSize = value;
                else if (tag == DtVerneed) _dynamicVerneed = value;
                else if (tag == DtVersym) _dynamicVersym = value;
            }
            if (rela.HasValue) _dynamicRelocationTables.Add(Table("DT_RELA", rela.Value, relaSize ?? 0));
            if (rel.HasValue) _dynamicRelocationTables.Add(Table("DT_REL", rel.Value, relSize ?? 0));
            if (jmpRel.HasValue) _dynamicRelocationTables.Add(Table("DT_JMPREL", jmpRel.Value, pltRelSize ?? 0));
        }

        private static KeyValuePair<string, KeyValuePair<ulong, ulong>> Table(string name, ulong address, ulong size) =>
            new KeyValuePair<string, KeyValuePair<ulong, ulong>>(name, new KeyValuePair<ulong, ulong>(address, size));

        private ElfSection LinkedSection(ElfSection section, string what)
        {
            if (section.Link == 0 || section.Link >= Sections.Count)
                throw new ElfFormatException($"{Path}: {Describe(section)} links to section {section.Link} for {what}, which does not exist");
            return Sections[(int)section.Link];
        }

        private long WithinSection(ElfSection section, long relative, long length, string what)
        {
            if (relative < 0 || relative + length > section.Size)
                throw new ElfFormatException($"{Path}: {what} at +0x{relative:x} runs past the end of {Describe(section)} ({section.Size} bytes)");
            return section.Offset + relative;
        }

        private string ReadString(ElfSection table, uint relative, string what)
        {
            Require(table.Offset, table.Size, $"string table {Describe(table)}");
            if (relative >= table.Size)
                throw new ElfFormatException($"{Path}: {what} at +0x{relative:x} lies outside {Describe(table)} ({table.Size} bytes)");
            long start = table.Offset + relative, end = start;
            long limit = table.Offset + table.Size;
            while (end < limit && _image[end] != 0)
                end++;
            if (end == limit)
                throw new ElfFormatException($"{Path}: {what} at +0x{relative:x} in {Describe(table)} is not NUL-terminated");
            return Encoding.UTF8.GetString(_image, (int)start, (int)(end - start));
        }

        private static string Describe(ElfSection s) => s.Name.Length > 0 ? $"section {s.Index} ({s.Name})" : $"section {s.Index}";

        private void Require(long offset, long length, string what)
        {
            if (offset < 0 || length < 0 || offset > _image.Length || length > _image.Length - offset)
                throw new ElfFormatException($"{Path}: truncated ELF file: {what} at 0x{offset:x} needs {length} bytes, but the file ends at 0x{_image.Length:x}");
        }

        private long CheckedOffset(ulong value, string what)
        {
            if (value > int.MaxValue)
                throw new ElfFormatException($"{Path}: {what} is 0x{value:x}, beyond anything this reader handles (the file has {_image.Length} bytes)");
            return (long)value;
        }

        private ushort U16(long at)
        {
            Require(at, 2, "field");
            return (ushort)(_image[at] | _image[at + 1] << 8);
        }

        private uint U32(long at)
        {
            Require(at, 4, "field");
            return (uint)(_image[at] | _image[at + 1] << 8 | _image[at + 2] << 16 | _image[at + 3] << 24);
        }

        private ulong U64(long at) => U32(at) | (ulong)U32(at + 4) << 32;
    }

    /// <summary>What <see cref="ElfVersionRequirements.Weaken"/> did.</summary>
    public enum WeakenOutcome
    {
        /// <summary>VER_FLG_WEAK was set in the file.</summary>
        Patched,
        /// <summary>The requirement was already weak; the file was not touched.</summary>
        AlreadyWeak,
        /// <summary>The file does not need that version of that dependency; the file was not touched.</summary>
        NotNeeded,
    }

    /// <summary>Patching of needed-version entries (.gnu.version_r).</summary>
    public static class ElfVersionRequirements
    {
        /// <summary>
        /// Marks <paramref name="version"/> of <paramref name="neededFile"/> weak (VER_FLG_WEAK in vna_flags),
        /// after checking that no relocation refers to a dynamic symbol of that version: a weak version only
        /// helps while nothing has to be looked up in it, otherwise loading would fail later, at relocation
        /// time, with an undefined-symbol error instead.
        /// </summary>
        /// <remarks>
        /// The patched bytes go to a temporary file beside the target that then replaces it by rename(2),
        /// rather than a 2-byte write into the target: MSBuild can make output copies hard or symbolic links
        /// into the NuGet cache (CreateHardLinksForCopyLocalIfPossible and friends), and writing through one
        /// would patch the shared cache; a rename only replaces this directory entry. It is also atomic, so a
        /// failure at any point leaves either the untouched original or the complete patched file, and a
        /// process that has the old file mapped keeps its pages. The temporary file is made with File.Copy
        /// (which keeps the permission bits), and the target's modification time is carried over, so that
        /// MSBuild's copy-if-changed (same size, same time as the package's file) leaves the patched copy
        /// alone on the next build instead of copying the original over it again.
        /// </remarks>
        /// <exception cref="ElfFormatException">The file is not ELF64 little-endian, or is truncated.</exception>
        /// <exception cref="InvalidOperationException">A relocation uses a symbol of that version, or the
        /// relocation tables could not be checked; the file is left untouched.</exception>
        public static WeakenOutcome Weaken(string path, string neededFile, string version)
        {
            var elf = ElfFile.Read(path);
            var requirement = elf.FindRequirement(neededFile, version);
            if (requirement == null)
                return WeakenOutcome.NotNeeded;
            if (requirement.IsWeak)
                return WeakenOutcome.AlreadyWeak;
            EnsureNothingBindsTo(elf, requirement);

            string fullPath = System.IO.Path.GetFullPath(path);
            string directory = System.IO.Path.GetDirectoryName(fullPath) ?? ".";
            string temporary = System.IO.Path.Combine(directory, "." + System.IO.Path.GetFileName(fullPath) + "." + Guid.NewGuid().ToString("N") + ".tmp");
            DateTime modified = File.GetLastWriteTimeUtc(fullPath);
            try
            {
                File.Copy(fullPath, temporary);
                // Check the bytes actually being shipped: the target may have been replaced since it was read.
                var copy = ElfFile.Read(temporary);
                var copied = copy.FindRequirement(neededFile, version);
                if (copied == null || copied.FlagsOffset != requirement.FlagsOffset || copied.Flags != requirement.Flags)
                    throw new IOException($"{fullPath} changed while it was being patched; build again");
                EnsureNothingBindsTo(copy, copied);

                var attributes = File.GetAttributes(temporary);
                if ((attributes & FileAttributes.ReadOnly) != 0)
                    File.SetAttributes(temporary, attributes & ~FileAttributes.ReadOnly);
                ushort flags = (ushort)(copied.Flags | ElfFile.VerFlagWeak);
                using (var stream = new FileStream(temporary, FileMode.Open, FileAccess.Write, FileShare.None))
                {
                    stream.Position = copied.FlagsOffset;
                    stream.WriteByte((byte)flags);
                    stream.WriteByte((byte)(flags >> 8));
                    stream.Flush(true);
                }
                if ((attributes & FileAttributes.ReadOnly) != 0)
                    File.SetAttributes(temporary, attributes);
                File.SetLastWriteTimeUtc(temporary, modified);
                // On Unix this is rename(2) over the destination.
                File.Replace(temporary, fullPath, null);
                return WeakenOutcome.Patched;
            }
            finally
            {
                if (File.Exists(temporary))
                    File.Delete(temporary);
            }
        }

        private static void EnsureNothingBindsTo(ElfFile elf, ElfVersionRequirement requirement)
        {
            var mismatches = elf.DynamicSectionMismatches();
            if (mismatches.Count > 0)
                throw new InvalidOperationException(
                    $"{elf.Path}: refusing to mark {requirement.Name} of {requirement.File} weak: the section headers do not describe what the " +
                    $"loader reads, so the relocations cannot be checked: {string.Join("; ", mismatches)}");
            var used = elf.RelocatedSymbolsOfVersion(requirement.Index);
            if (used.Count > 0)
            {
                const int shown = 10;
                string names = string.Join(", ", used.Take(shown).Select(s => s.Name)) + (used.Count > shown ? $" and {used.Count - shown} more" : "");
                throw new InvalidOperationException(
                    $"{elf.Path}: refusing to mark {requirement.Name} of {requirement.File} weak: relocations use symbol(s) of that version " +
                    $"({names}), which a {requirement.File} without {requirement.Name} cannot provide, " +
                    "so the library would still fail to load (with an undefined symbol instead)");
            }
        }
    }

    /// <summary>Locates a system library the way the x86-64 dynamic loader's default search would.</summary>
    public static class SystemLibraries
    {
        /// <summary>The default library directories of x86-64 Linux distributions (Debian multiarch, then lib64).</summary>
        public static readonly IReadOnlyList<string> DefaultDirectories = new[]
        {
            "/usr/lib/x86_64-linux-gnu", "/lib/x86_64-linux-gnu", "/usr/lib64", "/lib64",
        };

        /// <summary>The path of <paramref name="soname"/> (e.g. libstdc++.so.6), or null when it is not found.</summary>
        public static string? Find(string soname)
        {
            foreach (var directory in DefaultDirectories)
            {
                string candidate = System.IO.Path.Combine(directory, soname);
                if (File.Exists(candidate))
                    return candidate;
            }
            string? output = RunLdconfig();
            return output == null ? null : ParseLdconfig(output, soname);
        }

        /// <summary>
        /// Picks <paramref name="soname"/>'s x86-64 entry from `ldconfig -p` output, whose lines read
        /// "	libstdc++.so.6 (libc6,x86-64) =&gt; /usr/lib/x86_64-linux-gnu/libstdc++.so.6".
        /// </summary>
        public static string? ParseLdconfig(string output, string soname)
        {
            foreach (var rawLine in output.Split(new[] { '\n' }, StringSplitOptions.RemoveEmptyEntries))
            {
                string line = rawLine.Trim();
                int arrow = line.IndexOf("=>", StringComparison.Ordinal);
                if (arrow < 0 || !line.StartsWith(soname + " ", StringComparison.Ordinal))
                    continue;
                string description = line.Substring(soname.Length, arrow - soname.Length);
                if (description.IndexOf("x86-64", StringComparison.Ordinal) < 0)
                    continue;
                string path = line.Substring(arrow + 2).Trim();
                if (File.Exists(path))
                    return path;
            }
            return null;
        }

        private static string? RunLdconfig()
        {
            // ldconfig lives in /sbin on most systems, which an unprivileged PATH may lack.
            foreach (var ldconfig in new[] { "/sbin/ldconfig", "/usr/sbin/ldconfig", "ldconfig" })
            {
                if (ldconfig.StartsWith("/", StringComparison.Ordinal) && !File.Exists(ldconfig))
                    continue;
                try
                {
                    var info = new ProcessStartInfo(ldconfig, "-p")
                    {
                        RedirectStandardOutput = true,
                        RedirectStandardError = true,
                        UseShellExecute = false,
                    };
                    using (var process = Process.Start(info))
                    {
                        if (process == null)
                            continue;
                        var stderr = process.StandardError.ReadToEndAsync();
                        string output = process.StandardOutput.ReadToEnd();
                        process.WaitForExit();
                        stderr.Wait();
                        if (process.ExitCode == 0)
                            return output;
                    }
                }
                catch (System.ComponentModel.Win32Exception)
                {
                    // Not there under this name; try the next.
                }
            }
            return null;
        }
    }

#if !RNNLAB_ELF_READER_ONLY
    /// <summary>
    /// MSBuild task: in the given libLibTorchSharp.so copies, marks the needed <see cref="Version"/> of
    /// <see cref="NeededFile"/> weak when this machine's copy of that library does not define it.
    /// </summary>
    public sealed class WeakenGlibcxxRequirement : Microsoft.Build.Utilities.Task
    {
        /// <summary>The output copies to patch (files that do not exist are skipped).</summary>
        [Microsoft.Build.Framework.Required]
        public Microsoft.Build.Framework.ITaskItem[] Libraries { get; set; } = Array.Empty<Microsoft.Build.Framework.ITaskItem>();

        /// <summary>The dependency whose version is needed.</summary>
        public string NeededFile { get; set; } = "libstdc++.so.6";

        /// <summary>The needed version to mark weak.</summary>
        public string Version { get; set; } = "GLIBCXX_3.4.32";

        /// <summary>The system's copy of <see cref="NeededFile"/>; empty: search the usual places.</summary>
        public string SystemLibrary { get; set; } = "";

        /// <inheritdoc />
        public override bool Execute()
        {
            var libraries = Libraries.Select(i => i.GetMetadata("FullPath")).Where(File.Exists).Distinct().ToList();
            if (libraries.Count == 0)
                return true;
            try
            {
                string? system = SystemLibrary.Length > 0 ? SystemLibrary : SystemLibraries.Find(NeededFile);
                if (system == null)
                {
                    Log.LogMessage(Microsoft.Build.Framework.MessageImportance.Normal,
                        $"{NeededFile} was not found on this system; leaving {string.Join(", ", libraries)} as it is.");
                    return true;
                }
                if (ElfFile.Read(system).DefinesVersion(Version))
                {
                    Log.LogMessage(Microsoft.Build.Framework.MessageImportance.Low,
                        $"{system} defines {Version}; {string.Join(", ", libraries)} need no change.");
                    return true;
                }
                foreach (var library in libraries)
                {
                    var outcome = ElfVersionRequirements.Weaken(library, NeededFile, Version);
                    if (outcome == WeakenOutcome.Patched)
                        Log.LogMessage(Microsoft.Build.Framework.MessageImportance.High,
                            $"Marked {Version} of {NeededFile} weak in {library}: {system} lacks it, and nothing in the library binds to it.");
                    else
                        Log.LogMessage(Microsoft.Build.Framework.MessageImportance.Low, $"{library}: {Version} of {NeededFile}: {outcome}.");
                }
            }
            catch (Exception e) when (e is ElfFormatException || e is InvalidOperationException || e is IOException || e is UnauthorizedAccessException)
            {
                Log.LogError($"{e.Message} (set RnnLabWeakenGlibcxxRequirement=false to skip this step)");
            }
            return !Log.HasLoggedErrors;
        }
    }
#endif
}
