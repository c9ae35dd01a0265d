namespace RnnLab.Analysis.Artifacts;

/// <summary>
/// census.json: how many fixed points the networks of a study's grid have, point by point and snapshot by
/// snapshot (<see cref="CrossNetwork.FixedPointCensus"/>). Every count is a lower bound: the number of
/// distinct points the search found from its initial states, never a proof that there are no others, and
/// Caveats says so in the file itself. Each network's searches say how far its descent got (the share of
/// states that converged, whether any stopped at the cap or diverged), which is how far its count is to be trusted.
/// </summary>
/// <param name="Axes">The grid's keys, in the order of the first point.</param>
/// <param name="Points">The points: name and value of every key.</param>
/// <param name="Snapshots">The weights counted: init, final or learned.</param>
/// <param name="Rows">One per point and snapshot: each network's counts and their summary across networks.</param>
/// <param name="Fits">The growth of log(1 + fixed points) along each numeric axis, per snapshot and per combination of the other axes' values.</param>
/// <param name="Caveats">What the counts are and are not, in words.</param>
/// <param name="SchemaVersion">The file layout's version.</param>
public sealed record CensusFile(
    string[] Axes,
    CensusPointRecord[] Points,
    string[] Snapshots,
    CensusRowRecord[] Rows,
    CensusFitRecord[] Fits,
    string Caveats,
    int SchemaVersion = CensusFile.CurrentSchema)
{
    /// <summary>The version of this file's layout that this RnnLab writes and reads.</summary>
    public const int CurrentSchema = 1;
}

/// <summary>A grid key and the text it was set to.</summary>
public sealed record GridValueRecord(string Key, string Value);

/// <summary>A point of the grid: its name, its value of every key, and the run folder that holds its networks.</summary>
public sealed record CensusPointRecord(string Name, GridValueRecord[] Values, string Run);

/// <summary>
/// The census of one point at one snapshot: each network's counts, and mean, standard deviation and 95%
/// interval across networks of the per-network means (per condition) of each class. StatesConverged is the
/// share of all the networks' starting states whose descent converged; Settled how many networks had no
/// state stop at the iteration cap or diverge.
/// </summary>
public sealed record CensusRowRecord(
    string Point,
    string Snapshot,
    CensusNetworkRecord[] Networks,
    CountSummaryRecord Stable,
    CountSummaryRecord Saddle,
    CountSummaryRecord Unstable,
    CountSummaryRecord Fixed,
    CountSummaryRecord Slow,
    double StatesConverged,
    int Settled);

/// <summary>
/// A class's count across the networks of a row: mean, sample standard deviation, number of networks and
/// the 95% Student-t interval of the mean (<see cref="Hypotheses.MeanInterval"/>). With one network the
/// standard deviation and interval are null; with equal values the interval is the value itself.
/// </summary>
public sealed record CountSummaryRecord(double Mean, double? Sd, int N, double? Low, double? High);

/// <summary>
/// One network's counts at one snapshot: its run, id, index and seed, the fixed_points file read, the
/// counts of each condition searched, and their means over the conditions (Fixed = Stable + Saddle +
/// Unstable). States is the number of starting states of all its searches, StatesConverged those whose
/// descent reached q below its tolerance (the rest stalled at a ghost or slow point, stopped at the cap, or
/// diverged); NewtonStarts and Refined the points Newton's method tried and finished. Settled: no state
/// of any search stopped at the iteration cap or diverged, so every descent ended on its own.
/// </summary>
public sealed record CensusNetworkRecord(
    string Run,
    string? RunId,
    int Index,
    long Seed,
    string Path,
    string File,
    CensusConditionRecord[] Conditions,
    double Stable,
    double Saddle,
    double Unstable,
    double Fixed,
    double Slow,
    int States,
    int StatesConverged,
    double ConvergedFraction,
    int NewtonStarts,
    int Refined,
    bool Settled);

/// <summary>One search of a network: its condition (the constant input), the distinct points it kept of each class, and how its states left the descent.</summary>
public sealed record CensusConditionRecord(double[] Condition, int Stable, int Saddle, int Unstable, int Fixed, int Slow, DescentEndsRecord Ends, int Refined, int NotRefined);

/// <summary>
/// Ordinary least squares of log(1 + Fixed) of each network (not the points' means) against the value of
/// Axis, at one snapshot, among the points that share Others' values. Slope is the growth per unit of the
/// axis on a log scale, Factor = exp(Slope) the factor per unit; StandardError is the usual
/// sqrt(residual variance / Sxx) with n - 2 degrees of freedom, Low and High its 95% t interval. With fewer
/// than 2 distinct values of the axis or fewer than 3 networks the numbers are null and Unavailable says why.
/// </summary>
public sealed record CensusFitRecord(
    string Axis,
    GridValueRecord[] Others,
    string Snapshot,
    int N,
    int Levels,
    double? Slope,
    double? StandardError,
    double? Low,
    double? High,
    double? Factor,
    double? Intercept,
    string? Unavailable);
