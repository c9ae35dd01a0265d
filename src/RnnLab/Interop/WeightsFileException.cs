namespace RnnLab.Interop;

/// <summary>A weights file handed in or written out is unreadable, unsafe or does not fit. The message names the file.</summary>
public sealed class WeightsFileException : IOException
{
    /// <summary>Creates the exception for a file.</summary>
    public WeightsFileException(string path, string problem, Exception? inner = null)
        : base($"{path}: {problem}", inner)
    {
        FilePath = path;
    }

    /// <summary>The file concerned.</summary>
    public string FilePath { get; }
}
