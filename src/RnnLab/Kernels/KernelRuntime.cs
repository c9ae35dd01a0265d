using System.Numerics;
using System.Runtime.Intrinsics.X86;

namespace RnnLab.Kernels;

/// <summary>What the fused kernels run on here: the BLAS they call and the vector instructions the runtime detected.</summary>
public static class KernelRuntime
{
    /// <summary>The BLAS the kernels call directly, or that they fall back to tensor ops.</summary>
    public static string Blas => Kernels.Blas.Describe;

    /// <summary>The vector instruction sets this CPU offers to .NET, detected at run time.</summary>
    public static string InstructionSet
    {
        get
        {
            var sets = new List<string>();
            if (Avx512F.IsSupported) sets.Add("AVX-512F");
            if (Avx2.IsSupported) sets.Add("AVX2");
            if (Fma.IsSupported) sets.Add("FMA");
            if (sets.Count == 0 && Sse2.IsSupported) sets.Add("SSE2");
            if (sets.Count == 0) sets.Add(System.Runtime.InteropServices.RuntimeInformation.ProcessArchitecture.ToString());
            return $"{string.Join(", ", sets)}; Vector<float> of {Vector<float>.Count} lanes";
        }
    }
}
