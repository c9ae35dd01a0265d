namespace RnnLab.Experiments;

/// <summary>A new run was asked for in a directory that already holds files, without asking to replace it.</summary>
/// <param name="path">The run directory.</param>
public sealed class RunExistsException(string path) : IOException($"run directory {path} already exists")
{
    /// <summary>The run directory.</summary>
    public string Path { get; } = path;
}
