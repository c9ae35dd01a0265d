namespace RnnLab.Analysis.Similarity;

/// <summary>What `similarity` compares between two networks.</summary>
public enum SimilarityMetric
{
    /// <summary>The dynamics: Dynamical Similarity Analysis (<see cref="DynamicalSimilarity"/>), angular, in radians.</summary>
    Dsa,
    /// <summary>The geometry of the states: angular Procrustes distance (<see cref="ShapeMetrics.Procrustes"/>), in radians.</summary>
    Procrustes,
    /// <summary>The geometry of the states' top principal subspaces: angular CCA distance (<see cref="ShapeMetrics.Cca"/>), in radians.</summary>
    Cca,
    /// <summary>The geometry of the states: one minus linear CKA (<see cref="ShapeMetrics.Cka"/>), from 0 to 1.</summary>
    Cka,
}
