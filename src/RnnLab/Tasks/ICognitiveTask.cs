using TorchSharp;
using static TorchSharp.torch;

namespace RnnLab.Tasks;

/// <summary>
/// A cognitive task: samples batches of trials from a generator passed in (all randomness comes from it)
/// and scores a network's outputs with an accuracy measure that fits the task.
/// </summary>
public interface ICognitiveTask
{
    /// <summary>The config name ("perception", "flipflop", ...).</summary>
    string Kind { get; }

    /// <summary>Number of input channels.</summary>
    int InputSize { get; }

    /// <summary>Number of output channels.</summary>
    int OutputSize { get; }

    /// <summary>Trial length in time steps.</summary>
    int Steps { get; }

    /// <summary>A batch of fresh trials (float32).</summary>
    TrialBatch Sample(int batchSize, Generator generator);

    /// <summary>The fraction of trials (or masked time points, as the task documents) performed correctly.</summary>
    double Accuracy(TrialBatch batch, Tensor outputs);
}
