using RnnLab.Experiments;

namespace RnnLab.Analysis.Artifacts;

/// <summary>
/// Which run an analysis file came from. Every file analyze and compare write records the id of the run
/// they read (run.json's id); `train --force` makes a new run, with a new id, in the same folder, so a
/// reader that finds another id knows the file describes networks that are gone and refuses it, rather
/// than mixing two runs (a 16-unit run shown with 256-dimensional fixed points). Files with no id, written
/// before it was recorded, are read as before.
/// </summary>
public static class RunOrigin
{
    /// <summary>
    /// The record, when it has no id or the run's; otherwise an <see cref="AnotherRunException"/> naming the
    /// file, and the step and snapshot that write it again.
    /// </summary>
    public static T Checked<T>(T record, Func<T, string?> idOf, string path, RunDirectory run, AnalysisStep step, Snapshot snapshot)
    {
        var id = idOf(record);
        if (id is null || id == run.Id) return record;
        throw new AnotherRunException(path, id, run.Id, run.Path, step, snapshot);
    }
}
