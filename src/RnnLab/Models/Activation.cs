namespace RnnLab.Models;

/// <summary>The rate nonlinearity f of the model.</summary>
public enum Activation
{
    /// <summary>max(0, x), seed 002's choice.</summary>
    Relu,
    /// <summary>tanh(x) (seed 004, Sussillo and Barak 2013).</summary>
    Tanh,
    /// <summary>Leaky relu "by angle" (seed 002 Fig. 5): slope tan(theta) below zero; theta 0 is relu, pi/4 is linear.</summary>
    LeakyRelu,
    /// <summary>log(1 + exp(x)).</summary>
    Softplus,
    /// <summary>f(x) = x: a linear network, with one fixed point that can be solved for.</summary>
    Linear,
}
