using static TorchSharp.torch;

namespace RnnLab.Analysis.Dynamics;

/// <summary>How a continuous-time field becomes a map r_{t+1} = G(r_t, u_t).</summary>
public enum DiscretizationScheme
{
    /// <summary>r + dt F(r): the scheme RnnLab trains with (alpha = dt/tau).</summary>
    Euler,
    /// <summary>Classical fourth-order Runge-Kutta.</summary>
    RungeKutta4,
    /// <summary>The exact flow over dt of a linear system (matrix exponential); linear systems only.</summary>
    Exact,
}

/// <summary>A discrete-time map G(r, u) obtained from a field by a scheme and a step dt.</summary>
public sealed class DiscreteMap(IVectorField field, DiscretizationScheme scheme, double dt)
{
    /// <summary>The field discretized.</summary>
    public IVectorField Field { get; } = field;

    /// <summary>The scheme.</summary>
    public DiscretizationScheme Scheme { get; } = scheme;

    /// <summary>The step.</summary>
    public double Dt { get; } = dt;

    /// <summary>G(r, u), row-wise.</summary>
    public Tensor Step(Tensor r, Tensor u)
    {
        switch (Scheme)
        {
            case DiscretizationScheme.Euler:
                return r + Field.Evaluate(r, u) * Dt;
            case DiscretizationScheme.RungeKutta4:
                var k1 = Field.Evaluate(r, u);
                var k2 = Field.Evaluate(r + k1 * (Dt / 2), u);
                var k3 = Field.Evaluate(r + k2 * (Dt / 2), u);
                var k4 = Field.Evaluate(r + k3 * Dt, u);
                return r + (k1 + k2 * 2 + k3 * 2 + k4) * (Dt / 6);
            default:
                if (Field is not LinearSystem linear)
                    throw new InvalidOperationException("The exact discretization exists only for linear systems; linearize first.");
                return ExactLinearStep(linear, r, u);
        }
    }

    /// <summary>The Jacobian dG/dr at states r [K, N] (autograd through the scheme).</summary>
    public Tensor Jacobian(Tensor r, Tensor u)
    {
        var uFixed = u.detach();
        return BatchedJacobian.Of(x => Step(x, InputsFor(uFixed, x.size(0))), r);
    }

    // The inputs of rows that BatchedJacobian stacks: m copies of the K states (row i*K + k is state k), or
    // the first states alone when it probes the output size. One input row serves every state.
    private static Tensor InputsFor(Tensor u, long rows)
    {
        var k = u.size(0);
        if (k == 1) return u.expand(rows, u.size(1));
        if (rows % k == 0) return rows == k ? u : u.repeat(rows / k, 1);
        if (rows < k) return u.narrow(0, 0, rows);
        throw new ArgumentException($"{k} input rows cannot serve {rows} states.", nameof(u));
    }

    // x(t + dt) = e^{A dt} x + A^{-1} (e^{A dt} - I) (B u + c), for constant u over the step.
    private Tensor ExactLinearStep(LinearSystem s, Tensor r, Tensor u)
    {
        var n = s.StateSize;
        var propagator = linalg.matrix_exp(s.A * Dt);
        var drive = u.matmul(s.B.t()) + s.Offset;                                          // [K, N]
        var integral = linalg.solve(s.A, propagator - eye(n, dtype: s.A.dtype, device: s.A.device));
        return r.matmul(propagator.t()) + drive.matmul(integral.t());
    }
}
