using RnnLab.Training;

namespace RnnLab.Analysis.FixedPoints;

/// <summary>
/// How many initial states a fixed-point search can hold, so that a number of initial states the machine cannot hold is
/// refused before the search starts instead of dying on an allocation. The search keeps about 16 float64
/// values per state and unit at once (starts and their noise, the states, Adam's moments and direction,
/// the field and its temporaries, the kept copy, and the managed copy the selection reads), 128 bytes;
/// that copy is one array, so states x units is also bounded by the largest array .NET makes.
/// </summary>
public static class SearchMemory
{
    /// <summary>Bytes per initial state and unit.</summary>
    public const long BytesPerStateAndUnit = 128;

    /// <summary>About the bytes a search from states initial states of a network of units takes.</summary>
    public static long Bytes(int states, int units) => (long)states * units * BytesPerStateAndUnit;

    /// <summary>The most initial states a search of a network of units can hold in availableBytes.</summary>
    public static int MaxStates(int units, long availableBytes) =>
        (int)Math.Min(availableBytes / (units * BytesPerStateAndUnit), Array.MaxLength / units);

    /// <summary>Why states initial states do not fit in availableBytes; null when they do.</summary>
    public static SearchMemoryRefusal? Refusal(int states, int units, long availableBytes) => states <= MaxStates(units, availableBytes) ? null :
        new SearchMemoryRefusal(states, units, Bytes(states, units), availableBytes, MaxStates(units, availableBytes));
}

/// <summary>A search that does not fit: its initial states and units, the bytes it needs, those available and the most states that fit.</summary>
public sealed record SearchMemoryRefusal(int States, int Units, long Needed, long Available, int MaxStates)
{
    /// <inheritdoc />
    public override string ToString() =>
        $"{States} initial states need about {TrainingMemory.Size(Needed)} for the fixed-point search of {Units} units; " +
        $"this machine has {TrainingMemory.Size(Available)}; at most {MaxStates} fit here";
}
