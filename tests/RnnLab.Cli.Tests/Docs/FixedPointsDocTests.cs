using RnnLab.Configuration;
using RnnLab.Experiments;
using static RnnLab.Cli.Tests.CliRunner;

namespace RnnLab.Cli.Tests.Docs;

public class FixedPointsDocTests
{
    [Fact]
    public void EveryFixedPointsKey_HasARowInDocsFixedPoints_AndEveryRowIsAKey()
    {
        var doc = File.ReadAllLines(Path.Combine(RepositoryRoot(), "docs", "fixed-points.md"));
        var rows = doc.Where(l => l.StartsWith("| `", StringComparison.Ordinal)).Select(l => l.Split('`')[1]).ToList();
        var keys = OptionsBinder.Settable(typeof(FixedPointOptions)).Select(p => p.Name).ToList();
        Assert.Equal(keys.Order(), rows.Order());
    }
}
