using System.Text.Json;
using RnnLab.Analysis.Artifacts;

namespace RnnLab.Analysis.Reports;

/// <summary>
/// similarity.html beside similarity.json: the distance matrix as a heatmap, the networks in 2-D (classical
/// MDS), the separation tests by run and by task, and the retest null. It shows similarity.json's own
/// record, so the page and the file cannot disagree.
/// </summary>
public static class SimilarityReport
{
    /// <summary>The page's name in the similarity folder.</summary>
    public const string FileName = "similarity.html";

    /// <summary>Writes similarity.html into folder with the given Plotly.js bundle inlined; returns its path.</summary>
    public static string Write(SimilarityFile file, string folder, string plotlyScript)
    {
        var runs = file.Networks.Select(n => n.Name).Distinct().ToList();
        var title = $"{file.Metric.ToUpperInvariant()} between {file.Networks.Length} networks of {string.Join(", ", runs)} ({file.Snapshot} weights)";
        return ReportPage.Write(Path.Combine(folder, FileName), title, JsonSerializer.SerializeToNode(file, AnalysisJson.Default.SimilarityFile)!, "similarity.js", plotlyScript);
    }
}
