namespace RnnLab.Analysis.Tests;

/// <summary>Files of the repository the tests read (shipped configs and specs), found above the test binary.</summary>
internal static class RepositoryFiles
{
    /// <summary>The full path of a file given relative to the repository root.</summary>
    public static string Find(string relative)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, relative))) return Path.Combine(dir.FullName, relative);
        throw new FileNotFoundException($"{relative} was not found above {AppContext.BaseDirectory}");
    }
}
