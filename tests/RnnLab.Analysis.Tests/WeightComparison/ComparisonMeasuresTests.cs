using System.Text.RegularExpressions;
using RnnLab.Analysis.WeightComparison;

namespace RnnLab.Analysis.Tests.WeightComparison;

/// <summary>The registry of comparison measures: results are found by id, so ids must be unique and stable in form.</summary>
public sealed class ComparisonMeasuresTests
{
    [Fact]
    public void EveryMeasure_HasAUniqueSnakeCaseId()
    {
        var ids = ComparisonMeasures.All.Select(m => m.Id).ToList();
        Assert.Equal(ids.Count, ids.Distinct().Count());
        Assert.All(ids, id => Assert.Matches(new Regex("^[a-z][a-z0-9_]*$"), id));
    }
}
