namespace RnnLab.Safetensors;

/// <summary>A safetensors file is missing, truncated, corrupt or not of the expected form. The message names the file.</summary>
public sealed class SafetensorsException : IOException
{
    /// <summary>Creates the exception for a file.</summary>
    public SafetensorsException(string path, string problem, Exception? inner = null)
        : base($"{path}: {problem}", inner)
    {
        FilePath = path;
    }

    /// <summary>The file that could not be read or written.</summary>
    public string FilePath { get; }
}
