using System.Runtime.InteropServices;
using TorchSharp;
using static TorchSharp.torch;

namespace RnnLab.Randomness;

/// <summary>
/// Tensors of normal deviates from a <see cref="NoiseStream"/>, and its state as a tensor for checkpoints.
/// Deviates are drawn on the CPU straight into the tensor's memory (float32 or float64; other dtypes are
/// drawn in float64 and converted) and then moved to the device, so every device and every time loop
/// (fused or op by op) sees the very same numbers for the same stream.
/// </summary>
public static class NoiseTensors
{
    /// <summary>A tensor of standard normal deviates of the given shape, dtype and device.</summary>
    public static Tensor Normal(this NoiseStream stream, long[] shape, ScalarType dtype, Device? device = null)
    {
        var drawn = dtype == ScalarType.Float32 ? ScalarType.Float32 : ScalarType.Float64;
        var t = empty(shape, drawn);
        if (t.numel() > 0)
        {
            if (drawn == ScalarType.Float32) stream.Fill(MemoryMarshal.Cast<byte, float>(t.bytes));
            else stream.Fill(MemoryMarshal.Cast<byte, double>(t.bytes));
        }
        if (drawn != dtype) t = t.to(dtype);
        return device is null || device.type == DeviceType.CPU ? t : t.to(device);
    }

    /// <summary>The stream's state as int64 [seed, purpose, sub-stream, position] (bit patterns of the unsigned values).</summary>
    public static Tensor StateTensor(this NoiseStream stream) =>
        tensor(new[] { unchecked((long)stream.Seed), (long)stream.Purpose, (long)stream.SubStream, unchecked((long)stream.Position) });

    /// <summary>A stream continued from <see cref="StateTensor"/>; a tensor of another shape or dtype, or an unknown purpose, throws naming what is wrong.</summary>
    public static NoiseStream FromStateTensor(Tensor state)
    {
        if (state.dtype != ScalarType.Int64 || state.dim() != 1 || state.size(0) != 4)
            throw new ArgumentException($"a noise stream's state is int64 [4], got {state.dtype} [{string.Join(", ", state.shape)}].", nameof(state));
        var v = state.data<long>().ToArray();
        var purpose = (SeedPurpose)(uint)v[1];
        if (!Enum.IsDefined(purpose) || v[2] is < 0 or > uint.MaxValue)
            throw new ArgumentException($"a noise stream's state names purpose {v[1]} and sub-stream {v[2]}, which no stream has.", nameof(state));
        return new NoiseStream(unchecked((ulong)v[0]), purpose, (uint)v[2], unchecked((ulong)v[3]));
    }
}
