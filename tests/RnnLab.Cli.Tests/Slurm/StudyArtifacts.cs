using System.Text.RegularExpressions;

namespace RnnLab.Cli.Tests.Slurm;

/// <summary>
/// Compares the artifacts of two study directories that ran the same study: weights and every other binary
/// file byte for byte; text files after replacing only what names a directory and when it ran (the directory's
/// path, its runs' ids, host names, wall-clock seconds and timestamps). Executor logs (slurm/, steps/), locks
/// and TensorBoard's event files are not compared.
/// </summary>
internal static partial class StudyArtifacts
{
    private static readonly string[] TextExtensions = [".json", ".jsonl", ".html", ".txt", ".csv"];

    /// <summary>Asserts both directories hold the same artifacts; returns how many were compared.</summary>
    public static int AssertSame(string first, string second)
    {
        var files = Artifacts(first);
        Assert.Equal(files, Artifacts(second));
        var ids = RunIds(first).Zip(RunIds(second)).ToList();
        foreach (var file in files)
        {
            var (a, b) = (Path.Combine(first, file), Path.Combine(second, file));
            if (!TextExtensions.Contains(Path.GetExtension(file)))
            {
                Assert.True(File.ReadAllBytes(a).SequenceEqual(File.ReadAllBytes(b)), $"{file} differs");
                continue;
            }
            var left = Normalized(File.ReadAllText(a), Path.GetFullPath(first), ids.Select(p => p.First));
            var right = Normalized(File.ReadAllText(b), Path.GetFullPath(second), ids.Select(p => p.Second));
            Assert.True(left == right, $"{file} differs:\n{FirstDifference(left, right)}");
        }
        return files.Count;
    }

    private static List<string> Artifacts(string root) =>
        [.. Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(root, f))
            .Where(f => !(f.StartsWith("slurm" + Path.DirectorySeparatorChar, StringComparison.Ordinal) || f.StartsWith("steps" + Path.DirectorySeparatorChar, StringComparison.Ordinal)))
            .Where(f => !f.Contains(Path.DirectorySeparatorChar + "tensorboard" + Path.DirectorySeparatorChar, StringComparison.Ordinal))
            .Where(f => !(Path.GetFileName(f).StartsWith('.') || f.EndsWith(".lock", StringComparison.Ordinal) || f.EndsWith(".owner", StringComparison.Ordinal)))
            .Order(StringComparer.Ordinal)];

    // Each point's run id (run.json), in the order of the points' folders.
    private static List<string> RunIds(string root) =>
        [.. Directory.EnumerateFiles(root, "run.json", SearchOption.AllDirectories).Order(StringComparer.Ordinal)
            .Select(f => RunId().Match(File.ReadAllText(f)).Groups[1].Value)];

    private static string Normalized(string text, string root, IEnumerable<string> ids)
    {
        text = text.Replace(root, "<study>", StringComparison.Ordinal);
        foreach (var id in ids.Where(i => i.Length > 0)) text = text.Replace(id, "<run id>", StringComparison.Ordinal);
        text = Seconds().Replace(text, "\"$1\":0");
        text = Timestamp().Replace(text, "\"<time>\"");
        return Host().Replace(text, "\"host\":\"<host>\"");
    }

    private static string FirstDifference(string left, string right)
    {
        var i = 0;
        while (i < Math.Min(left.Length, right.Length) && left[i] == right[i]) i++;
        string Around(string s) => s.Substring(Math.Max(0, i - 80), Math.Min(160, s.Length - Math.Max(0, i - 80)));
        return $"  {Around(left)}\n  {Around(right)}";
    }

    [GeneratedRegex("\"id\"\\s*:\\s*\"([0-9a-f]{32})\"")]
    private static partial Regex RunId();

    [GeneratedRegex("\"(\\w*seconds)\"\\s*:\\s*[-+0-9.eE]+")]
    private static partial Regex Seconds();

    [GeneratedRegex("\"\\d{4}-\\d\\d-\\d\\dT[^\"]*\"")]
    private static partial Regex Timestamp();

    [GeneratedRegex("\"host\"\\s*:\\s*\"[^\"]*\"")]
    private static partial Regex Host();
}
