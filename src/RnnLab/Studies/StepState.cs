namespace RnnLab.Studies;

/// <summary>Where a step of a study stands.</summary>
public enum StepState
{
    /// <summary>Not done, and nothing runs it now.</summary>
    Waiting,

    /// <summary>Done before with other options or inputs: it runs again.</summary>
    Changed,

    /// <summary>A process runs it now.</summary>
    Running,

    /// <summary>Its last attempt failed (its failure record says why); running the study again retries it.</summary>
    Failed,

    /// <summary>Done with the options and inputs the study resolves now.</summary>
    Done,
}
