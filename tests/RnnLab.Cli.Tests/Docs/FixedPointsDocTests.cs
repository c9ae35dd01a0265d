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
        // The options table: the rows after its "| key | default | meaning |" header, up to the first line that is not a row.
        var rows = doc.SkipWhile(l => !l.StartsWith("| key | default | meaning |", StringComparison.Ordinal)).Skip(2)
            .TakeWhile(l => l.StartsWith('|')).Select(l => l.Split('`')[1]).ToList();
        var keys = OptionsBinder.Settable(typeof(FixedPointOptions)).Select(p => p.Name).ToList();
        Assert.Equal(keys.Order(), rows.Order());
    }
}
