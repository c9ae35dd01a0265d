namespace RnnLab.Analysis.CrossNetwork;

/// <summary>A similarity was asked to write over similarity.json of other networks or options.</summary>
/// <param name="path">The existing similarity.json.</param>
public sealed class SimilarityExistsException(string path)
    : IOException($"{path} holds the similarity of other networks or options")
{
    /// <summary>The existing file.</summary>
    public string Path { get; } = path;
}
