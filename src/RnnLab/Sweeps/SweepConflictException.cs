namespace RnnLab.Sweeps;

/// <summary>
/// A sweep cannot be continued in this directory: it holds another sweep, something that is not a sweep, or
/// a point whose config differs from what the sweep resolves. Nothing was written.
/// </summary>
/// <param name="path">The directory (the sweep's, or the point's).</param>
/// <param name="reason">What is there, in one clause that names it.</param>
public sealed class SweepConflictException(string path, string reason) : IOException(reason)
{
    /// <summary>The directory in the way.</summary>
    public string Path { get; } = path;
}
