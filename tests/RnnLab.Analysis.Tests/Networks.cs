using RnnLab.Models;

namespace RnnLab.Analysis.Tests;

/// <summary>Small networks with known weights, in float64.</summary>
internal static class Networks
{
    public static RateRnn Random(ModelOptions options, int inputs = 2, ulong seed = 11)
    {
        using var g = new Generator(seed);
        var model = new RateRnn(options, inputs, 1, g);
        model.to(float64);
        return model;
    }

    /// <summary>A network whose weights are given (W_rec [N, N], W_in [N, in], b [N]); self-connections allowed.</summary>
    public static RateRnn WithWeights(Activation activation, double[,] wRec, double[,] wIn, double[] b, double tau = 100, double dt = 10)
    {
        var n = wRec.GetLength(0);
        var inputs = wIn.GetLength(1);
        var model = Random(new ModelOptions { Units = n, Activation = activation, SelfConnections = true, Tau = tau, Dt = dt, NoiseStd = 0 }, inputs);
        using var scope = NewDisposeScope();
        var state = new Dictionary<string, Tensor>(model.StateOf(0))
        {
            ["W_rec"] = tensor(wRec.Cast<double>().ToArray(), [n, n]),
            ["W_in"] = tensor(wIn.Cast<double>().ToArray(), [n, inputs]),
            ["b"] = tensor(b),
        };
        model.LoadStateOf(0, state);
        return model;
    }
}
