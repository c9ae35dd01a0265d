using TorchSharp;
using static TorchSharp.torch;

namespace RnnLab.Tasks;

/// <summary>
/// Higher-dimensional perception and decision (seed 002, future work). distance: a noisy constant point
/// x in d dimensions; the output reports |x| / sqrt(d) (in [0, 1]). farther: two points x and y (inputs
/// 0..d-1 and d..2d-1); the output is 1 when x is farther from the origin, 0 when y is. Accuracy: for
/// distance, the mean output over counted steps is within Tolerance; for farther, on the correct side of 0.5.
/// </summary>
public sealed class PointTask(PointTaskOptions options, bool compareTwo) : ICognitiveTask
{
    /// <inheritdoc />
    public string Kind => compareTwo ? "farther" : "distance";
    /// <inheritdoc />
    public int InputSize => (compareTwo ? 2 : 1) * options.Dimensions;
    /// <inheritdoc />
    public int OutputSize => 1;
    /// <inheritdoc />
    public int Steps => options.Steps;

    private static double Norm(double[] p) => Math.Sqrt(p.Sum(v => v * v));

    /// <inheritdoc />
    public TrialBatch Sample(int batchSize, Generator generator)
    {
        var d = options.Dimensions;
        var random = new TrialRandom(generator, batchSize * (2 * d + 1));
        var arrays = new TrialArrays(Steps, batchSize, InputSize, 1);
        var trials = new PointTrial[batchSize];
        for (var b = 0; b < batchSize; b++)
        {
            var x = Enumerable.Range(0, d).Select(_ => random.Uniform(-1, 1)).ToArray();
            var y = Enumerable.Range(0, d).Select(_ => random.Uniform(-1, 1)).ToArray();
            var squeeze = random.Uniform();
            if (compareTwo && Math.Abs(Norm(x) - Norm(y)) < options.MinDifference)
            {
                // Too close to call: push y away from x's distance along its own direction (a fixed draw count keeps batches reproducible).
                var ny = Math.Max(Norm(y), 1e-9);
                var wanted = Norm(x) + (squeeze < 0.5 ? -1 : 1) * options.MinDifference;
                if (wanted <= 0) wanted = Norm(x) + options.MinDifference;
                y = y.Select(v => v * wanted / ny).ToArray();
            }
            trials[b] = new PointTrial(compareTwo ? [x, y] : [x]);
            var target = compareTwo ? (Norm(x) > Norm(y) ? 1 : 0) : Norm(x) / Math.Sqrt(d);
            for (var t = 0; t < Steps; t++)
            {
                for (var k = 0; k < d; k++)
                {
                    arrays.Input(t, b, k, x[k]);
                    if (compareTwo) arrays.Input(t, b, d + k, y[k]);
                }
                arrays.Target(t, b, 0, target);
                arrays.Masked(t, b, 0, t >= options.GraceSteps);
            }
        }
        return arrays.ToBatch(trials, options.StimulusNoise, generator);
    }

    /// <inheritdoc />
    public double Accuracy(TrialBatch batch, Tensor outputs) =>
        OutputReader.TrialAccuracy(batch, outputs, Steps, (b, mean) =>
        {
            var points = ((PointTrial)batch.Trials[b]).Points;
            return compareTwo
                ? (mean > 0.5) == (Norm(points[0]) > Norm(points[1]))
                : Math.Abs(mean - Norm(points[0]) / Math.Sqrt(options.Dimensions)) < options.Tolerance;
        });
}
