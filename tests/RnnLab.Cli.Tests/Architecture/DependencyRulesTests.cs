using System.CommandLine;
using System.Reflection;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Text.RegularExpressions;
using static RnnLab.Cli.Tests.CliRunner;

namespace RnnLab.Cli.Tests.Architecture;

/// <summary>The rules of docs/architecture.md, held against the source and the built assemblies.</summary>
public sealed partial class DependencyRulesTests
{
    private static readonly Assembly Core = typeof(RnnLabRuntime).Assembly;
    private static readonly Assembly Analysis = typeof(RnnLab.Analysis.NetworkAnalyzer).Assembly;
    private static readonly Assembly Cli = typeof(Program).Assembly;

    [Fact]
    public void EachAssembly_ReferencesOnlyTheOnesAboveIt()
    {
        static string[] Ours(Assembly a) => [.. a.GetReferencedAssemblies().Select(r => r.Name!).Where(n => n.StartsWith("RnnLab", StringComparison.Ordinal)).Order()];
        Assert.Empty(Ours(Core));
        Assert.Equal(["RnnLab"], Ours(Analysis));
        Assert.Equal(["RnnLab", "RnnLab.Analysis"], Ours(Cli));
    }

    [Fact]
    public void NoNamespace_UsesALayerAboveItsOwn_AndEveryNamespaceHasALayer()
    {
        var layers = Layers();
        var broken = new List<string>();
        foreach (var (assembly, folder) in new[] { ("RnnLab", "src/RnnLab"), ("RnnLab.Analysis", "src/RnnLab.Analysis") })
        {
            var files = SourceFiles(folder).Select(CSharpSource.Read).ToList();
            var own = layers.Where(l => l.Key.Assembly == assembly).ToDictionary(l => l.Key.Namespace, l => l.Value);
            // Types of the assembly's root namespace are in scope everywhere below it without a using: found by name.
            var rootTypes = files.Where(f => NamespaceOf(f, assembly) == assembly).SelectMany(f => TypeDeclaration().Matches(f.Code).Select(m => m.Groups[1].Value)).ToHashSet();
            foreach (var file in files)
            {
                var name = NamespaceOf(file, assembly);
                if (!own.TryGetValue(name, out var layer)) { broken.Add($"{Rel(file)}: namespace {name} has no layer in docs/architecture.md"); continue; }
                foreach (var used in Uses(file, assembly, own.Keys, rootTypes))
                {
                    if (!own.TryGetValue(used, out var usedLayer)) broken.Add($"{Rel(file)} ({name}) uses {used}, which has no layer");
                    else if (usedLayer > layer) broken.Add($"{Rel(file)} ({name}, layer {layer}) uses {used} (layer {usedLayer})");
                }
            }
        }
        Assert.True(broken.Count == 0, string.Join("\n", broken));
    }

    [Fact]
    public void NoLibraryString_NamesAVerbOrAFlagOfTheCommand()
    {
        var root = Program.Root();
        var verbs = root.Subcommands.Select(c => c.Name).ToList();
        var flags = All(root).SelectMany(c => c.Options).SelectMany(o => o.Aliases.Append(o.Name)).Where(n => n.StartsWith("--", StringComparison.Ordinal) && n != "--help").ToHashSet();
        Assert.Contains("--out", flags);   // the walk found the verbs' options
        var leaks = new List<string>();
        foreach (var path in SourceFiles("src/RnnLab").Concat(SourceFiles("src/RnnLab.Analysis")))
        {
            // SlurmClient's strings are squeue's and sbatch's own flags (--jobs, --array), not rnnlab's.
            if (Path.GetFileName(path) == "SlurmClient.cs") continue;
            foreach (var literal in CSharpSource.Read(path).Strings)
            {
                foreach (Match flag in Flag().Matches(literal))
                    if (flags.Contains(flag.Value)) leaks.Add($"{Path.GetRelativePath(RepositoryRoot(), path)}: \"{literal}\" names {flag.Value}");
                foreach (var verb in verbs)
                    if (Regex.IsMatch(literal, $@"rnnlab {verb}\b")) leaks.Add($"{Path.GetRelativePath(RepositoryRoot(), path)}: \"{literal}\" names rnnlab {verb}");
            }
        }
        Assert.True(leaks.Count == 0, string.Join("\n", leaks));
    }

    [Fact]
    public void NoLibrary_ChangesTheProcessWhenLoaded_OrCallsMoreOfLibcThanTheHeapAndDurableFiles()
    {
        foreach (var assembly in new[] { Core, Analysis })
        {
            var methods = assembly.GetTypes().SelectMany(t => t.GetMethods(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static | BindingFlags.Instance | BindingFlags.DeclaredOnly)).ToList();
            Assert.DoesNotContain(methods, m => m.GetCustomAttribute<ModuleInitializerAttribute>() is not null);
            var entries = methods.Select(m => m.GetCustomAttribute<DllImportAttribute>()).OfType<DllImportAttribute>().Select(d => d.EntryPoint).ToHashSet();
            Assert.Subset(new HashSet<string?> { "mallopt", "open", "fsync", "close" }, entries);
        }
    }

    private static IEnumerable<Command> All(Command command) => command.Subcommands.SelectMany(All).Prepend(command);

    // The namespaces a file refers to, by the table's names: usings, qualified names, names relative to the
    // assembly's root (Kernels.X), and types of the root namespace.
    private static HashSet<string> Uses(CSharpSource file, string assembly, IEnumerable<string> namespaces, HashSet<string> rootTypes)
    {
        var used = new HashSet<string>();
        var code = file.Code;
        foreach (Match m in Qualified().Matches(code))
        {
            var full = m.Value;
            if (assembly == "RnnLab" && full.StartsWith("RnnLab.Analysis", StringComparison.Ordinal)) used.Add("RnnLab.Analysis (another assembly)");
            if (full.StartsWith("RnnLab.Cli", StringComparison.Ordinal)) used.Add("RnnLab.Cli (another assembly)");
            if (!full.StartsWith(assembly + ".", StringComparison.Ordinal)) continue;
            used.Add(full[(assembly.Length + 1)..].Split('.')[0]);
        }
        foreach (var name in namespaces.Where(n => n != assembly))
            if (Regex.IsMatch(code, $@"(?<![\w.]){Regex.Escape(name)}\.[A-Z]")) used.Add(name);
        if (NamespaceOf(file, assembly) != assembly)
            foreach (var type in rootTypes)
                if (Regex.IsMatch(code, $@"(?<![\w.]){Regex.Escape(type)}\b")) used.Add(assembly);
        used.Remove(NamespaceOf(file, assembly));
        return used;
    }

    private static string NamespaceOf(CSharpSource file, string assembly)
    {
        var declared = NamespaceDeclaration().Match(file.Code).Groups[1].Value;
        return declared == assembly ? assembly : declared[(assembly.Length + 1)..].Split('.')[0];
    }

    private static Dictionary<(string Assembly, string Namespace), int> Layers()
    {
        var doc = File.ReadAllLines(Path.Combine(RepositoryRoot(), "docs", "architecture.md"));
        var rows = doc.SkipWhile(l => !l.StartsWith("| assembly | layer | namespaces |", StringComparison.Ordinal)).Skip(2).TakeWhile(l => l.StartsWith('|'));
        var layers = new Dictionary<(string, string), int>();
        foreach (var row in rows)
        {
            var cells = row.Split('|', StringSplitOptions.TrimEntries);
            foreach (var name in cells[3].Split(',', StringSplitOptions.TrimEntries)) layers[(cells[1], name)] = int.Parse(cells[2], System.Globalization.CultureInfo.InvariantCulture);
        }
        Assert.NotEmpty(layers);
        return layers;
    }

    private static IEnumerable<string> SourceFiles(string folder) =>
        Directory.EnumerateFiles(Path.Combine(RepositoryRoot(), folder), "*.cs", SearchOption.AllDirectories)
            .Where(p => !p.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !p.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal));

    private static string Rel(CSharpSource file) => Path.GetRelativePath(RepositoryRoot(), file.Path);

    [GeneratedRegex(@"\bRnnLab(\.[A-Z]\w*)+")]
    private static partial Regex Qualified();

    [GeneratedRegex(@"^\s*namespace\s+([\w.]+)\s*;", RegexOptions.Multiline)]
    private static partial Regex NamespaceDeclaration();

    [GeneratedRegex(@"\b(?:class|record|struct|interface|enum)\s+(?:struct\s+|class\s+)?([A-Z]\w*)")]
    private static partial Regex TypeDeclaration();

    [GeneratedRegex(@"--[A-Za-z][\w-]*")]
    private static partial Regex Flag();
}
