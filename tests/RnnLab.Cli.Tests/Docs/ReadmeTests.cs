using System.Text.RegularExpressions;
using static RnnLab.Cli.Tests.CliRunner;

namespace RnnLab.Cli.Tests.Docs;

public partial class ReadmeTests
{
    [Fact]
    public void TheReadme_IsReadInFiveMinutes()
    {
        var words = File.ReadAllText(Path.Combine(RepositoryRoot(), "README.md")).Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).Length;
        Assert.True(words < 1000, $"README.md has {words} words; details belong in docs/.");
    }

    [Fact]
    public void EveryRelativeLink_InTheReadmeAndDocs_NamesAFileThatExists()
    {
        var root = RepositoryRoot();
        var pages = new[] { Path.Combine(root, "README.md"), Path.Combine(root, "bench", "README.md") }
            .Concat(Directory.GetFiles(Path.Combine(root, "docs"), "*.md"));
        var broken = new List<string>();
        foreach (var page in pages)
            foreach (Match link in Link().Matches(File.ReadAllText(page)))
            {
                var target = link.Groups[1].Value.Split('#')[0];
                if (target.Length == 0 || target.Contains("://", StringComparison.Ordinal)) continue;
                if (!Path.Exists(Path.Combine(Path.GetDirectoryName(page)!, target))) broken.Add($"{Path.GetRelativePath(root, page)}: {target}");
            }
        Assert.Empty(broken);
    }

    [Fact]
    public void CiRuns_TheReadmesTestCommand()
    {
        var root = RepositoryRoot();
        Assert.Contains("./rnnlab test", File.ReadAllText(Path.Combine(root, "README.md")));
        Assert.Contains("./rnnlab test", File.ReadAllText(Path.Combine(root, ".ci", "run")));
    }

    [GeneratedRegex(@"\]\(([^)\s]+)\)")]
    private static partial Regex Link();
}
