using RnnLab.Models;
using static TorchSharp.torch;

namespace RnnLab.Kernels;

/// <summary>
/// The rate RNN's field as <see cref="RateRnnDescent"/> takes it: F(x) = (f(c + x W^T) - x) / tau, with W the
/// effective recurrent weights [N, N], c the constant drive [K, N] or [N], and the activation with its slope.
/// </summary>
public sealed record RateFieldTerms(Tensor W, Tensor C, double Tau, Activation Activation, double Slope);

/// <summary>A search's state, updated in place: the states x [K, N], Adam's moments m and v and direction d [K, N], and q [K].</summary>
public sealed record DescentBuffers(Tensor X, Tensor M, Tensor V, Tensor D, Tensor Q);

/// <summary>One Adam update: the pending step's learning rate (0: none), the update's number (1-based) and Adam's constants.</summary>
public readonly record struct AdamStep(double Lr, long Number, double Beta1 = 0.9, double Beta2 = 0.999, double Eps = 1e-8);
