using RnnLab.Slurm;

namespace RnnLab.Studies;

/// <summary>How many steps of one stage are in each state, on one row of the status.</summary>
public sealed record StageCount(StudyStage Stage, int Total, int Done, int Running, int Waiting, int Changed, int Failed);

/// <summary>One row of a study's status: a point (its networks' and its own steps), or the study's own steps (Point null).</summary>
public sealed record StudyStatusRow(string? Point, IReadOnlyList<StageCount> Stages);

/// <summary>
/// Where a study stands, read from its files, the steps' locks (tried and let go at once, which never refuses
/// a writer) and, when Slurm ran it, the states of its array tasks.
/// </summary>
public static class StudyStatus
{
    /// <summary>The state of one step; slurmState is its array task's state, when Slurm knows one.</summary>
    public static StepState Of(StudyDirectory study, StudyStep step, string? slurmState)
    {
        var files = study.StateOf(step);
        if (files is StepState.Done or StepState.Running) return files;
        if (slurmState is not null && SlurmStates.IsRunning(slurmState)) return StepState.Running;
        if (slurmState is not null && SlurmStates.IsWaiting(slurmState)) return files == StepState.Changed ? StepState.Changed : StepState.Waiting;
        if (slurmState is not null && SlurmStates.IsFailure(slurmState)) return StepState.Failed;
        return files;
    }

    /// <summary>A row per point, in index order, then one for the study's own steps when it has any.</summary>
    public static IReadOnlyList<StudyStatusRow> Of(StudyDirectory study, IReadOnlyDictionary<string, string> slurmStates)
    {
        var states = study.Steps.Select(s => (Step: s, State: Of(study, s, slurmStates.GetValueOrDefault(s.Id)))).ToList();
        StudyStatusRow Row(string? point, Func<StudyStep, bool> mine) => new(point, study.Options.StageList
            .Select(stage => states.Where(s => s.Step.Stage == stage && mine(s.Step)).Select(s => s.State).ToList())
            .Select((list, i) => new StageCount(study.Options.StageList[i], list.Count, list.Count(s => s == StepState.Done), list.Count(s => s == StepState.Running),
                list.Count(s => s == StepState.Waiting), list.Count(s => s == StepState.Changed), list.Count(s => s == StepState.Failed)))
            .ToList());
        var rows = study.Sweep.Index.Points.Select((p, i) => Row(p.Name, s => s.Point == i)).ToList();
        if (states.Any(s => s.Step.Point is null)) rows.Add(Row(null, s => s.Point is null));
        return rows;
    }
}
