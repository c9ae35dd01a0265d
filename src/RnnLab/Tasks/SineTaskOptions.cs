using RnnLab.Configuration;

namespace RnnLab.Tasks;

/// <summary>Options shared by the sine tasks (seed 002, future work).</summary>
public sealed record SineTaskOptions : TaskOptions
{
    /// <summary>Lowest frequency, in Hz.</summary>
    [Allowed(Min = 0, MinExclusive = true)] public double MinFrequency { get; init; } = 1;
    /// <summary>Highest frequency, in Hz.</summary>
    [Allowed(Min = 0, MinExclusive = true)] public double MaxFrequency { get; init; } = 4;
    /// <summary>Smallest frequency difference between two sines (sine_compare), in Hz.</summary>
    [Allowed(Min = 0)] public double MinDifference { get; init; } = 0.5;
    /// <summary>An output within this distance of the target counts as correct (sine_frequency, sine_generate).</summary>
    [Allowed(Min = 0, MinExclusive = true)] public double Tolerance { get; init; } = 0.15;

    /// <summary>Defaults: 2 s trials at dt = 10 ms, 500 ms grace, light noise.</summary>
    public SineTaskOptions()
    {
        Steps = 200;
        GraceSteps = 50;
        StimulusNoise = 0.02;
    }
}

/// <summary>One sine trial: the frequencies shown (one or two) and, for sine_generate, the static cue level.</summary>
public sealed record SineTrial(IReadOnlyList<double> Frequencies, double CueLevel) : TrialParameters;
