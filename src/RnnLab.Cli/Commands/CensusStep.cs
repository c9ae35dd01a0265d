using RnnLab.Analysis.CrossNetwork;
using RnnLab.Cli.Hosting;
using RnnLab.Cli.Reports;
using RnnLab.Studies;

namespace RnnLab.Cli.Commands;

/// <summary>A study's census step: every point's fixed-point counts against the grid, in results/census (census.json, census.html).</summary>
internal static class CensusStep
{
    public static int Run(StudyDirectory study)
    {
        var points = study.Sweep.Index.Points.Select((p, i) => new CensusPoint(p.Name, [.. p.Values.OrderBy(v => GridOrder(study, v.Key))], study.Sweep.Runs[i])).ToList();
        var census = FixedPointCensus.Of(points, [.. study.Options.CensusSnapshots.Select(CliOptions.SnapshotOf)]);
        var (json, html) = FixedPointCensus.Write(census, Path.Combine(study.ResultsFolder, StudyPlan.CensusFolder), PlotlyBundle.Find());
        Console.WriteLine($"wrote {json} and {html}");
        return ExitCodes.Success;
    }

    // index.json keeps a point's values in a map; the grid's order is the resolved sweep's.
    private static int GridOrder(StudyDirectory study, string key) => study.GridKeys.ToList().IndexOf(key);
}
