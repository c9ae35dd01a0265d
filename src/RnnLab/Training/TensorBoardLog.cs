using TorchSharp;

namespace RnnLab.Training;

/// <summary>
/// One network's metrics.jsonl rows as TensorBoard scalars, so that <c>tensorboard --logdir</c> on a run or a
/// study shows every network, named by its path (point and seed): <c>loss/train</c> (absent at step 0, as the
/// row's loss is), <c>loss/eval</c> and <c>accuracy/eval</c>, at the row's step, as float32 (TensorBoard's
/// scalar type; metrics.jsonl keeps the doubles). Written through TorchSharp's SummaryWriter, which opens,
/// appends to and closes its file for every scalar: nothing is buffered, so nothing needs flushing, and a
/// killed process loses at most the record being written. The writer, and with it its event file, is made at
/// the first row, so a network that never logs gets no file.
/// <para>
/// Unlike metrics.jsonl, which resume rewrites from the checkpoint's history, event files are append-only
/// logs: each process writes a file of its own, and the steps a resumed run takes again (those after its
/// checkpoint) are on disk twice. TensorBoard reads a folder's event files in name order, which is the order
/// they were made in (the name starts with the time), and takes a step it meets again for a job restarted
/// from a checkpoint, dropping what it had at that step and after: it shows the replayed steps from the
/// newest file. A network started again from its first step begins without them (<see cref="Experiments.NetworkDirectory.BeginAfresh"/>).
/// </para>
/// </summary>
public sealed class TensorBoardLog(string folder)
{
    private TorchSharp.Modules.SummaryWriter? _writer;

    /// <summary>Appends one metrics row.</summary>
    public void Append(MetricsRecord record)
    {
        _writer ??= torch.utils.tensorboard.SummaryWriter(folder);
        if (record.Loss is { } loss) _writer.add_scalar("loss/train", (float)loss, record.Step);
        _writer.add_scalar("loss/eval", (float)record.EvalLoss, record.Step);
        _writer.add_scalar("accuracy/eval", (float)record.Accuracy, record.Step);
    }
}
