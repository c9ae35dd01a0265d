using System.Reflection;
using System.Text.Json.Nodes;
using RnnLab.IO;

namespace RnnLab.Analysis.Reports;

/// <summary>
/// The one self-contained HTML page every RnnLab report is (report.html, similarity.html, census.html): the shared
/// template, Plotly.js inlined so that the page opens offline from anywhere, the shared plot helpers
/// (plots.js), the page's data and its own script.
/// </summary>
internal static class ReportPage
{
    /// <summary>Writes the page (<see cref="Html"/>) to path, atomically; returns path.</summary>
    public static string Write(string path, string title, JsonNode data, string script, string plotlyScript)
    {
        AtomicFile.WriteText(path, Html(title, data, script, plotlyScript));
        return path;
    }

    /// <summary>The page's HTML: title, data (read by the script as REPORT), the named script resource and Plotly.js from plotlyScript.</summary>
    public static string Html(string title, JsonNode data, string script, string plotlyScript)
    {
        if (!File.Exists(plotlyScript))
            throw new FileNotFoundException($"{plotlyScript}: Plotly.js is missing.", plotlyScript);
        // The data sits inside a script element: System.Text.Json escapes '<' and '>', so no "</script>" can end it early.
        return Resource("report.template.html")
            .Replace("{{TITLE}}", System.Net.WebUtility.HtmlEncode(title))
            .Replace("{{DATA}}", data.ToJsonString())
            .Replace("{{PLOTS}}", Resource("plots.js"))
            .Replace("{{SCRIPT}}", Resource(script))
            .Replace("{{PLOTLY}}", File.ReadAllText(plotlyScript));
    }

    private static string Resource(string name)
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream($"RnnLab.Analysis.Reports.{name}")
            ?? throw new InvalidOperationException($"the report resource {name} is missing from the assembly.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
