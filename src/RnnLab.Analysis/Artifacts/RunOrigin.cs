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
    /// file and `./rnnlab VERB RUN [--snapshot S]`, the command that writes it again.
    /// </summary>
    public static T Checked<T>(T record, Func<T, string?> idOf, string path, RunDirectory run, string verb, Snapshot snapshot)
    {
        var id = idOf(record);
        if (id is null || id == run.Id) return record;
        var now = run.Id is null ? "the run now has none" : $"the run now is {run.Id}";
        var again = snapshot == Snapshot.Final ? "" : $" --snapshot {snapshot.ToString().ToLowerInvariant()}";
        throw new AnotherRunException($"{path} was computed from another run in this folder (id {id}; {now}); run './rnnlab {verb} {run.Path}{again}' again.");
    }
}
