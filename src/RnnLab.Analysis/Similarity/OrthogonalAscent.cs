namespace RnnLab.Analysis.Similarity;

/// <summary>
/// Maximizes f(C) = ⟨A, C B Cᵀ⟩ over orthogonal C, in managed code on n x n row-major arrays, by the
/// curvilinear search of Wen and Yin (2013, Math. Program., "A feasible method for optimization with
/// orthogonality constraints"). The ascent direction at C is D = Ω C with Ω = G Cᵀ - C Gᵀ (skew), G = A C Bᵀ +
/// Aᵀ C B the Euclidean gradient, along which f rises at rate |Ω|²/2; a step is the Cayley retraction
/// C ← (I - t/2 Ω)⁻¹ (I + t/2 Ω) C, which stays orthogonal with C's determinant. The step t is the
/// Barzilai-Borwein one (alternating |S|²/|⟨S,Y⟩| and |⟨S,Y⟩|/|Y|², S and Y the changes of C and D), accepted
/// by a non-monotone Armijo rule against a running average of past values (Zhang and Hager 2004, η = 0.85)
/// and halved until it is: plain backtracking from a fixed step crawls along this objective's narrow ridges.
/// The search has converged when |Ω|_F falls below the tolerance: a stationary point of f on the group.
/// </summary>
internal static class OrthogonalAscent
{
    private const double Armijo = 1e-4, Eta = 0.85;

    public static (double Value, bool Converged) Maximize(double[] a, double[] b, double[] start, int n, int maxIterations, double tolerance)
    {
        var c = (double[])start.Clone();
        var nn = n * n;
        var (g, omega, t1, t2, next) = (new double[nn], new double[nn], new double[nn], new double[nn], new double[nn]);
        var (d, previousC, previousD) = (new double[nn], new double[nn], new double[nn]);
        var value = Value(a, b, c, n, t1, t2);
        var best = value;
        // The non-monotone reference: a weighted average of the values so far (Zhang and Hager's C_k, Q_k).
        var (reference, weight) = (value, 1.0);
        var step = 1.0;
        var restart = false;
        for (var iteration = 0; iteration < maxIterations; iteration++)
        {
            var norm = Direction(a, b, c, n, g, omega, d, t1, t2);
            if (Math.Sqrt(norm) < tolerance) return (Math.Max(best, value), true);
            if (iteration > 0 && !restart)
            {
                double ss = 0, sy = 0, yy = 0;
                for (var i = 0; i < nn; i++)
                {
                    var s = c[i] - previousC[i];
                    var y = d[i] - previousD[i];
                    ss += s * s;
                    sy += s * y;
                    yy += y * y;
                }
                var bb = iteration % 2 == 1 ? ss / Math.Abs(sy) : Math.Abs(sy) / yy;
                step = double.IsFinite(bb) && bb > 0 ? Math.Clamp(bb, 1e-20, 1e20) : 1.0;
            }
            var accepted = false;
            while (!accepted && step >= 1e-14)
            {
                Retract(omega, c, step, next, t1, t2, n);
                var candidate = Value(a, b, next, n, t1, t2);
                if (candidate >= reference + Armijo * step * norm / 2) (value, accepted) = (candidate, true);
                else step /= 2;
            }
            if (!accepted)
            {
                // No step rises above the reference. When the reference is the current value, none raises f at
                // all: a stationary point to rounding. Otherwise the search falls back to the monotone rule.
                if (reference <= value) return (Math.Max(best, value), true);
                (reference, weight, step, restart) = (value, 1.0, 1.0, true);
                continue;
            }
            restart = false;
            Array.Copy(c, previousC, nn);
            Array.Copy(d, previousD, nn);
            (c, next) = (next, c);
            best = Math.Max(best, value);
            var newWeight = Eta * weight + 1;
            reference = (Eta * weight * reference + value) / newWeight;
            weight = newWeight;
        }
        return (best, false);
    }

    // Fills G, Ω and D = Ω C at c and returns |Ω|_F².
    private static double Direction(double[] a, double[] b, double[] c, int n, double[] g, double[] omega, double[] d, double[] t1, double[] t2)
    {
        // G = A C Bᵀ + Aᵀ C B
        Multiply(a, c, t1, n, false, false);
        Multiply(t1, b, g, n, false, true);
        Multiply(a, c, t1, n, true, false);
        Multiply(t1, b, t2, n, false, false);
        for (var i = 0; i < g.Length; i++) g[i] += t2[i];
        // Ω = G Cᵀ - C Gᵀ
        Multiply(g, c, t1, n, false, true);
        var norm = 0.0;
        for (var i = 0; i < n; i++)
            for (var j = 0; j < n; j++)
            {
                omega[i * n + j] = t1[i * n + j] - t1[j * n + i];
                norm += omega[i * n + j] * omega[i * n + j];
            }
        Multiply(omega, c, d, n, false, false);
        return norm;
    }

    // ⟨A, C B Cᵀ⟩, in the scratch arrays cb and cbc (the search's own, so that no evaluation allocates).
    private static double Value(double[] a, double[] b, double[] c, int n, double[] cb, double[] cbc)
    {
        Multiply(c, b, cb, n, false, false);
        Multiply(cb, c, cbc, n, false, true);
        var sum = 0.0;
        for (var i = 0; i < a.Length; i++) sum += a[i] * cbc[i];
        return sum;
    }

    // next = (I - t/2 Ω)⁻¹ (I + t/2 Ω) C, by Gaussian elimination with partial pivoting on [I - t/2 Ω | (I + t/2 Ω) C].
    private static void Retract(double[] omega, double[] c, double t, double[] next, double[] left, double[] right, int n)
    {
        for (var i = 0; i < n * n; i++)
        {
            left[i] = -t / 2 * omega[i];
            right[i] = t / 2 * omega[i];
        }
        for (var i = 0; i < n; i++)
        {
            left[i * n + i] += 1;
            right[i * n + i] += 1;
        }
        Multiply(right, c, next, n, false, false);
        for (var col = 0; col < n; col++)
        {
            var pivot = col;
            for (var r = col + 1; r < n; r++)
                if (Math.Abs(left[r * n + col]) > Math.Abs(left[pivot * n + col])) pivot = r;
            if (pivot != col)
                for (var k = 0; k < n; k++)
                {
                    (left[col * n + k], left[pivot * n + k]) = (left[pivot * n + k], left[col * n + k]);
                    (next[col * n + k], next[pivot * n + k]) = (next[pivot * n + k], next[col * n + k]);
                }
            for (var r = 0; r < n; r++)
            {
                if (r == col) continue;
                var factor = left[r * n + col] / left[col * n + col];
                if (factor == 0) continue;
                for (var k = 0; k < n; k++)
                {
                    left[r * n + k] -= factor * left[col * n + k];
                    next[r * n + k] -= factor * next[col * n + k];
                }
            }
        }
        for (var r = 0; r < n; r++)
        {
            var d = left[r * n + r];
            for (var k = 0; k < n; k++) next[r * n + k] /= d;
        }
    }

    // result = op(x) op(y), op the transpose when asked.
    private static void Multiply(double[] x, double[] y, double[] result, int n, bool transposeX, bool transposeY)
    {
        for (var i = 0; i < n; i++)
            for (var j = 0; j < n; j++)
            {
                var sum = 0.0;
                for (var k = 0; k < n; k++)
                    sum += (transposeX ? x[k * n + i] : x[i * n + k]) * (transposeY ? y[j * n + k] : y[k * n + j]);
                result[i * n + j] = sum;
            }
    }
}
