using RnnLab.Configuration;

namespace RnnLab.Models;

/// <summary>Which weights a connectivity mask allows.</summary>
public enum Connectivity
{
    /// <summary>Every unit may connect to every other.</summary>
    Dense,
    /// <summary>Each connection exists with probability Density, drawn once at initialization.</summary>
    Sparse,
    /// <summary>Seed 003's block layout: units in layers (LayerSizes), layer k feeds layer k+1 only.</summary>
    FeedForward,
}

/// <summary>How the time loop is computed (the results agree to rounding; see FusedTimeLoop).</summary>
public enum TimeLoop
{
    /// <summary>RnnLab's native kernel: one autograd node for the whole loop (fast).</summary>
    Fused,
    /// <summary>Plain tensor ops recorded step by step by libtorch autograd (the reference).</summary>
    Autograd,
}

/// <summary>How the state r starts each trial.</summary>
public enum InitialState
{
    /// <summary>r0 = 0.</summary>
    Zeros,
    /// <summary>r0 is a parameter (trainable when "r0" is in Train).</summary>
    Learned,
    /// <summary>r0 ~ |N(0, InitialStateStd^2)| per trial, drawn from the training generator.</summary>
    Random,
}

/// <summary>
/// The "Model" section: the rate RNN tau dr/dt = -r + f(W_rec r + W_in u + b + noise), Euler-stepped
/// with alpha = Dt/Tau, read out by z = W_out r (+ b_out). Defaults follow seed 002.
/// </summary>
public sealed record ModelOptions : IValidatedOptions
{
    /// <summary>The parameter names a config may list in <see cref="Train"/>.</summary>
    public static readonly string[] ParameterNames = ["W_rec", "W_in", "b", "W_out", "b_out", "r0"];

    /// <summary>Number of recurrent units N.</summary>
    [Allowed(Min = 1, Max = 100_000)] public int Units { get; init; } = 128;
    /// <summary>Neuronal time constant tau, in ms.</summary>
    [Allowed(Min = 0, MinExclusive = true)] public double Tau { get; init; } = 100;
    /// <summary>Euler time step dt, in ms; alpha = Dt/Tau must lie in (0, 1].</summary>
    [Allowed(Min = 0, MinExclusive = true)] public double Dt { get; init; } = 10;
    /// <summary>Recurrent noise sigma; enters as sqrt(2 sigma^2 / alpha) n_t. 0 disables it.</summary>
    [Allowed(Min = 0)] public double NoiseStd { get; init; } = 0.01;
    /// <summary>Standard deviation of extra Gaussian noise added to the inputs at every step.</summary>
    [Allowed(Min = 0)] public double InputNoiseStd { get; init; }
    /// <summary>The nonlinearity f.</summary>
    public Activation Activation { get; init; } = Activation.Relu;
    /// <summary>Leaky relu angle theta in [0, pi/4]: slope tan(theta) below zero.</summary>
    [Allowed(Min = 0, Max = Math.PI / 4)] public double LeakyReluAngle { get; init; }
    /// <summary>Which parameters training updates (seed 002 trains only W_rec).</summary>
    public string[] Train { get; init; } = ["W_rec"];
    /// <summary>Whether W_rec may have a non-zero diagonal. When false it is exactly 0, always.</summary>
    public bool SelfConnections { get; init; }
    /// <summary>The mask on W_rec.</summary>
    public Connectivity Connectivity { get; init; } = Connectivity.Dense;
    /// <summary>Connection probability for sparse connectivity.</summary>
    [Allowed(Min = 0, MinExclusive = true, Max = 1)] public double Density { get; init; } = 1;
    /// <summary>Layer sizes for feed-forward connectivity; they must add up to Units.</summary>
    [Allowed(Min = 1)] public int[] LayerSizes { get; init; } = [];
    /// <summary>Dale's law: each unit is excitatory or inhibitory, and all its outgoing weights share that sign.</summary>
    public bool Dale { get; init; }
    /// <summary>Fraction of excitatory units under Dale's law.</summary>
    [Allowed(Min = 0, MinExclusive = true, Max = 1)] public double ExcitatoryFraction { get; init; } = 0.8;
    /// <summary>
    /// W_rec ~ N(0, Gain^2 / N): variance 1/N, spectral radius about Gain. Seed 002's text says variance
    /// 1/sqrt(N), which for N = 128 gives a spectral radius near N^(1/4) = 3.4 and contradicts its own
    /// "initialized in the stable regime"; RnnLab keeps 1/N, the standard (Sompolinsky et al. 1988) scaling.
    /// </summary>
    [Allowed(Min = 0)] public double Gain { get; init; } = 1;
    /// <summary>Standard deviation of W_in (seed 002: 1/sqrt(3) perception, 1/2 decision).</summary>
    [Allowed(Min = 0)] public double InputStd { get; init; } = 0.5;
    /// <summary>Standard deviation of the bias b.</summary>
    [Allowed(Min = 0)] public double BiasStd { get; init; } = 0.5;
    /// <summary>W_out ~ N(0, OutputGain^2 / N) (seed 002: the same distribution as W_rec).</summary>
    [Allowed(Min = 0)] public double OutputGain { get; init; } = 1;
    /// <summary>Whether the readout has a bias b_out.</summary>
    public bool OutputBias { get; init; }
    /// <summary>How r starts each trial.</summary>
    public InitialState InitialState { get; init; } = InitialState.Zeros;
    /// <summary>Scale of a random or learned initial state.</summary>
    [Allowed(Min = 0)] public double InitialStateStd { get; init; } = 0.1;

    /// <summary>How one network's time loop is computed: fused (native kernel) or autograd (op by op); networks trained together always run the fused kernel.</summary>
    public TimeLoop TimeLoop { get; init; } = TimeLoop.Fused;

    /// <summary>alpha = Dt / Tau.</summary>
    public double Alpha => Dt / Tau;

    /// <summary>sqrt(2 sigma^2 / alpha): the standard deviation of the per-step noise inside f.</summary>
    public double NoiseScale => Math.Sqrt(2 * NoiseStd * NoiseStd / Alpha);

    /// <inheritdoc />
    public IEnumerable<(string Key, string Message)> Validate()
    {
        if (!(Alpha > 0 && Alpha <= 1))
            yield return ("Dt", $"= {Dt} with Tau = {Tau} gives alpha = Dt/Tau = {Alpha:G4}; allowed: alpha in (0, 1], that is 0 < Dt <= Tau.");
        foreach (var name in Train.Where(n => !ParameterNames.Contains(n)))
            yield return ("Train", $"names an unknown parameter '{name}'; allowed: {string.Join(", ", ParameterNames)}.");
        if (Train.Contains("b_out") && !OutputBias)
            yield return ("Train", "includes b_out but OutputBias is false; allowed: b_out only with OutputBias = true.");
        if (Train.Contains("r0") && InitialState != InitialState.Learned)
            yield return ("Train", "includes r0 but InitialState is not learned; allowed: r0 only with InitialState = learned.");
        if (Connectivity == Connectivity.FeedForward && LayerSizes.Sum() != Units)
            yield return ("LayerSizes", $"= [{string.Join(", ", LayerSizes)}] adds up to {LayerSizes.Sum()}; allowed: layer sizes that add up to Units = {Units}.");
        if (Connectivity != Connectivity.FeedForward && LayerSizes.Length > 0)
            yield return ("LayerSizes", "is set but Connectivity is not feed_forward; allowed: LayerSizes only with Connectivity = feed_forward.");
        if (Activation != Activation.LeakyRelu && LeakyReluAngle != 0)
            yield return ("LeakyReluAngle", "is set but Activation is not leaky_relu; allowed: LeakyReluAngle only with Activation = leaky_relu.");
    }
}
