using TorchSharp;
using RnnLab.Analysis.Dynamics;
using static TorchSharp.torch;

namespace RnnLab.Analysis.Linearization;

/// <summary>Where linearization holds around a point: the relative error of the linear prediction at each radius.</summary>
public sealed record LinearizationValidity(double[] Radii, double[] RelativeErrors, double Tolerance, double ValidRadius);

/// <summary>
/// Compares the nonlinear flow with its linearization around (r*, u*): from starts r* + delta
/// (random directions at each radius, the same directions for every radius) both are integrated with
/// Euler steps over a horizon; the error is max over time of |r_nonlinear - r_linear| / radius. Seed
/// 001: linearization is valid where |J delta| dominates both |F(r*)| and the second-order term, so the
/// error grows with the radius; the valid radius is the largest one whose error stays under tolerance.
/// </summary>
public static class LinearizationValidityAnalyzer
{
    /// <summary>Runs the comparison.</summary>
    public static LinearizationValidity Analyze(IVectorField field, Tensor rStar, Tensor uStar, double dt, int steps,
        double[] radii, double tolerance, Generator generator, int directions = 16)
    {
        using var scope = NewDisposeScope();
        using var linear = Linearizer.At(field, rStar.to(float64), uStar.to(float64));
        var n = rStar.numel();
        var d = randn([directions, n], float64, generator: generator);
        d = d / d.norm(1, keepdim: true);
        var u = uStar.to(float64).reshape(1, -1).expand(directions, uStar.numel());
        var du = zeros([directions, uStar.numel()], float64);
        var errors = new double[radii.Length];
        using var _ = no_grad();
        for (var i = 0; i < radii.Length; i++)
        {
            var nonlinear = rStar.to(float64).unsqueeze(0) + d * radii[i];
            var deviation = d * radii[i];
            double worst = 0;
            for (var t = 0; t < steps; t++)
            {
                nonlinear = nonlinear + field.Evaluate(nonlinear, u) * dt;
                deviation = deviation + linear.Evaluate(deviation, du) * dt;
                var gap = (nonlinear - (rStar.to(float64).unsqueeze(0) + deviation)).norm(1).max().ToDouble();
                worst = Math.Max(worst, gap / radii[i]);
            }
            errors[i] = worst;
        }
        var valid = radii.Zip(errors).Where(p => p.Second < tolerance).Select(p => p.First).DefaultIfEmpty(0).Max();
        return new LinearizationValidity(radii, errors, tolerance, valid);
    }
}
