using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace RnnLab.Cli.Tests.Reports;

/// <summary>A page's script and the records it shows must not drift apart.</summary>
internal static class PageScript
{
    /// <summary>Every snake_case name the script (in src/RnnLab.Analysis/Reports) reads is a name in the data its page embeds.</summary>
    public static void AssertReadsOnlyNamesOf(string script, JsonNode data)
    {
        var names = new HashSet<string>();
        void Collect(JsonNode? node)
        {
            if (node is JsonObject o)
                foreach (var (key, value) in o) { names.Add(key); Collect(value); }
            else if (node is JsonArray array)
                foreach (var item in array) Collect(item);
        }
        Collect(data);
        var text = File.ReadAllText(Path.Combine(CliRunner.RepositoryRoot(), "src", "RnnLab.Analysis", "Reports", script));
        var read = Regex.Matches(text, @"\.([a-z][a-z0-9]*(?:_[a-z0-9]+)+)\b").Select(m => m.Groups[1].Value).Distinct().ToList();
        Assert.NotEmpty(read);
        Assert.All(read, name => Assert.Contains(name, names));
    }
}
