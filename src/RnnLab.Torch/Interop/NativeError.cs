using System.Runtime.InteropServices;
using static RnnLab.Torch.torch;

namespace RnnLab.Torch.Interop;

/// <summary>Turns the shim's failure values into <see cref="TorchException"/>s that name the operation and operands.</summary>
internal static class NativeError
{
    internal static string LastMessage()
    {
        var p = NativeMethods.rl_last_error();
        return p == IntPtr.Zero ? "" : Marshal.PtrToStringUTF8(p) ?? "";
    }

    /// <summary>Wraps a returned handle, or throws when it is zero.</summary>
    internal static Tensor Wrap(IntPtr handle, string op, params ReadOnlySpan<Tensor> operands)
    {
        if (handle == IntPtr.Zero) throw Fail(op, operands);
        return new Tensor(handle);
    }

    /// <summary>Throws when a status-returning call failed.</summary>
    internal static void Check(int status, string op, params ReadOnlySpan<Tensor> operands)
    {
        if (status < 0) throw Fail(op, operands);
    }

    internal static TorchException Fail(string op, ReadOnlySpan<Tensor> operands)
    {
        var message = LastMessage();
        var shapes = new List<string>(operands.Length);
        foreach (var t in operands) shapes.Add(t.Describe());
        return new TorchException(op, shapes, message);
    }
}
