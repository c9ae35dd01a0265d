using System.Runtime.InteropServices;

namespace RnnLab;

/// <summary>
/// Keeps libtorch's large tensors in the C heap instead of fresh mappings. glibc serves allocations
/// above its mmap threshold (at most 32 MB) with mmap and returns them with munmap, so every
/// [T, K, B, N] tensor of an ensemble step (32 MB for ten S1 networks) came back as fresh pages and
/// paid a page fault per 4 KB: an ensemble step measured 0.3-1.5 s, and 0.12-0.15 s with the heap kept.
/// Turning mmap off for malloc (M_MMAP_MAX = 0) and never trimming the heap top keeps freed tensors for
/// the next step; resident memory then stays at its peak instead of going up and down. No number changes.
/// Only glibc is tuned; elsewhere this does nothing.
/// </summary>
internal static class NativeHeap
{
    private const int MTrimThreshold = -1, MTopPad = -2, MMmapMax = -4;

    [DllImport("libc", EntryPoint = "mallopt")]
    private static extern int Mallopt(int parameter, int value);

    /// <summary>Applies the tuning; returns whether the C library took it.</summary>
    public static bool KeepLargeBlocks()
    {
        if (!OperatingSystem.IsLinux()) return false;
        try
        {
            return Mallopt(MMmapMax, 0) == 1 & Mallopt(MTrimThreshold, int.MaxValue) == 1 & Mallopt(MTopPad, 1 << 30) == 1;
        }
        catch (Exception e) when (e is EntryPointNotFoundException or DllNotFoundException)
        {
            return false;   // not glibc (musl has no mallopt)
        }
    }
}
