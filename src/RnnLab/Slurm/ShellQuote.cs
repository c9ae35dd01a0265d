namespace RnnLab.Slurm;

/// <summary>POSIX shell quoting: the word between single quotes, each ' written as '\'' , so the shell reads it back verbatim.</summary>
public static class ShellQuote
{
    /// <summary>The quoted word.</summary>
    public static string Of(string word) => "'" + word.Replace("'", "'\\''", StringComparison.Ordinal) + "'";
}
