using System.Text.RegularExpressions;

namespace RnnLab.Cli.Tests.Slurm;

/// <summary>
/// Compares the artifacts of two study directories that ran the same study: weights, tensors and every
/// other binary file byte for byte; text files and safetensors headers after replacing only what names a directory and when it ran (the directory's
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
            if (Path.GetExtension(file) == ".safetensors")
            {
                // The tensors byte for byte; the header's metadata (a checkpoint keeps its history, with wall-clock seconds) as text.
                var (headerA, dataA) = Safetensors(a);
                var (headerB, dataB) = Safetensors(b);
                Assert.True(dataA.SequenceEqual(dataB), $"{file}: its tensors differ");
                var (headerLeft, headerRight) = (Normalized(headerA, Path.GetFullPath(first), ids.Select(p => p.First)), Normalized(headerB, Path.GetFullPath(second), ids.Select(p => p.Second)));
                Assert.True(headerLeft == headerRight, $"{file}: its header differs:\n{FirstDifference(headerLeft, headerRight)}");
                continue;
            }
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

    // A safetensors file: an 8-byte little-endian header length, the header (JSON), then the tensors' bytes.
    private static (string Header, byte[] Data) Safetensors(string path)
    {
        var bytes = File.ReadAllBytes(path);
        var length = (int)BitConverter.ToUInt64(bytes, 0);
        return (System.Text.Encoding.UTF8.GetString(bytes, 8, length), bytes[(8 + length)..]);
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
        if (JsonText(text) is { } json) return json;
        // A page: its data are JSON inlined in a script.
        text = Seconds().Replace(text, "$1$2:0");
        text = Timestamp().Replace(text, "<time>");
        return Host().Replace(text, "$1<host>");
    }

    // JSON, or JSON lines, with their clocks fixed; null for other text.
    private static string? JsonText(string text)
    {
        if (Json(text) is { } node) return Clocks(node)!.ToJsonString();
        var lines = text.Split('\n');
        return lines.Length > 1 && lines.Where(l => l.Length > 0).All(l => Json(l) is not null)
            ? string.Join('\n', lines.Select(l => l.Length == 0 ? l : Clocks(Json(l))!.ToJsonString()))
            : null;
    }

    private static System.Text.Json.Nodes.JsonNode? Json(string text)
    {
        var t = text.TrimStart();
        if (!(t.StartsWith('{') || t.StartsWith('['))) return null;
        try
        {
            return System.Text.Json.Nodes.JsonNode.Parse(text);
        }
        catch (System.Text.Json.JsonException)
        {
            return null;
        }
    }

    // Wall-clock values to fixed ones: *seconds fields, timestamps, host names, also in JSON held as a string (safetensors metadata).
    private static System.Text.Json.Nodes.JsonNode? Clocks(System.Text.Json.Nodes.JsonNode? node)
    {
        switch (node)
        {
            case System.Text.Json.Nodes.JsonObject o:
                foreach (var key in o.Select(kv => kv.Key).ToList())
                    o[key] = key.EndsWith("seconds", StringComparison.OrdinalIgnoreCase) ? 0 : key is "host" or "at" or "finished" or "submitted_at" ? "<clock>" : Clocks(o[key]?.DeepClone());
                return o;
            case System.Text.Json.Nodes.JsonArray a:
                for (var i = 0; i < a.Count; i++) a[i] = Clocks(a[i]?.DeepClone());
                return a;
            case System.Text.Json.Nodes.JsonValue v when v.TryGetValue<string>(out var s):
                if (Timestamp().IsMatch("\"" + s + "\"")) return "<time>";
                return JsonText(s) is { } inner ? inner : v;
            default:
                return node;
        }
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

    [GeneratedRegex(@"(\\?""\w*seconds)(\\?"")\s*:\s*[-+0-9.eE]+")]
    private static partial Regex Seconds();

    [GeneratedRegex(@"\\?""\d{4}-\d\d-\d\dT[^""\\]*\\?""")]
    private static partial Regex Timestamp();

    [GeneratedRegex(@"(\\?""host\\?""\s*:\s*)\\?""[^""\\]*\\?""")]
    private static partial Regex Host();
}
