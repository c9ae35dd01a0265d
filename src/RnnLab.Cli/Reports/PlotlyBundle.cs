namespace RnnLab.Cli.Reports;

/// <summary>
/// Finds Plotly.js for report.html: RNNLAB_PLOTLY when set, else web/node_modules/plotly.js-dist-min/plotly.min.js
/// in the RnnLab checkout this program was built in (the launcher installs it there with npm ci).
/// </summary>
public static class PlotlyBundle
{
    /// <summary>The path of the bundle; throws naming what is missing and how to install it.</summary>
    public static string Find()
    {
        if (Environment.GetEnvironmentVariable("RNNLAB_PLOTLY") is { Length: > 0 } configured)
            return File.Exists(configured) ? configured : throw new FileNotFoundException($"RNNLAB_PLOTLY = {configured}: no such file; point it at plotly.min.js or unset it.", configured);
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "web", "node_modules", "plotly.js-dist-min", "plotly.min.js");
            if (File.Exists(candidate)) return candidate;
            if (File.Exists(Path.Combine(dir.FullName, "RnnLab.sln")))
                throw new FileNotFoundException($"{candidate}: Plotly.js is not installed; './rnnlab build' installs it (npm ci in {Path.Combine(dir.FullName, "web")}).", candidate);
        }
        throw new FileNotFoundException("Plotly.js was not found: set RNNLAB_PLOTLY to the path of plotly.min.js.");
    }
}
