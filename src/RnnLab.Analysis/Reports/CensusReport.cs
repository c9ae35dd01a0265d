using System.Text.Json;
using RnnLab.Analysis.Artifacts;

namespace RnnLab.Analysis.Reports;

/// <summary>
/// census.html beside census.json: the counts of every point and snapshot with their intervals, the mean
/// fixed points and saddles against the first numeric key of the grid, and the growth rates. It shows
/// census.json's own record, so the page and the file cannot disagree, and it says that every count is a
/// lower bound.
/// </summary>
public static class CensusReport
{
    /// <summary>The page's name in the census folder.</summary>
    public const string FileName = "census.html";

    /// <summary>Writes census.html into folder with the given Plotly.js bundle inlined; returns its path.</summary>
    public static string Write(CensusFile file, string folder, string plotlyScript)
    {
        var title = $"Fixed-point census of {file.Points.Length} point(s) ({string.Join(", ", file.Snapshots)} weights)";
        return ReportPage.Write(Path.Combine(folder, FileName), title, JsonSerializer.SerializeToNode(file, AnalysisJson.Default.CensusFile)!, "census.js", plotlyScript);
    }
}
