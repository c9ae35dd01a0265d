namespace RnnLab.Torch;

public static partial class torch
{
    public static partial class nn
    {
        /// <summary>Training utilities.</summary>
        public static class utils
        {
            /// <summary>
            /// Scales all gradients together so that their joint norm is at most max_norm, and returns the
            /// norm before scaling. Parameters without a gradient are skipped.
            /// </summary>
            public static double clip_grad_norm_(IEnumerable<Tensor> parameters, double max_norm, double norm_type = 2.0)
            {
                if (!(max_norm > 0)) throw new ArgumentOutOfRangeException(nameof(max_norm), max_norm, "must be positive");
                using var scope = NewDisposeScope();
                var grads = parameters.Select(p => p.grad).Where(g => g is not null).Select(g => g!).ToList();
                if (grads.Count == 0) return 0;
                double total;
                using (no_grad())
                {
                    var norms = stack(grads.Select(g => g.norm(norm_type)).ToList());
                    total = norms.norm(norm_type).item<double>();
                    var coefficient = max_norm / (total + 1e-6);
                    if (coefficient < 1)
                        foreach (var g in grads) g.mul_(coefficient);
                }
                return total;
            }
        }
    }
}
