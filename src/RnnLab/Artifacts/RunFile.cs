namespace RnnLab.Artifacts;

/// <summary>
/// run.json: what a run is beyond its config. Seeds is K of a multi-seed run (null for one network), Mode
/// how its networks train ("separate" or "ensemble"; resume keeps it), Init the weights every network
/// started from (train --init), when any. Id names this run apart from any other, even one later made in the
/// same folder (train --force): what is computed from the run records it, so a reader never mixes two
/// runs' files (runs made before it was recorded have none). SchemaVersion is the layout version the file
/// was written with (files from before the field was added are 1).
/// </summary>
public sealed record RunFile(int? Seeds, string Mode, StartingWeightsSource? Init, int SchemaVersion = RunFile.CurrentSchema, string? Id = null)
{
    /// <summary>The version of this file's layout that this RnnLab writes and reads.</summary>
    public const int CurrentSchema = 1;
}

/// <summary>Where a run's starting weights came from: the copy in the run (relative to it) and the file handed in.</summary>
public sealed record StartingWeightsSource(string File, string Source);
