namespace RnnLab.Randomness;

/// <summary>The two 32-bit key words of Philox4x32: the key selects one of 2^64 unrelated permutations of the counter space.</summary>
/// <param name="K0">Key word 0.</param>
/// <param name="K1">Key word 1.</param>
public readonly record struct PhiloxKey(uint K0, uint K1)
{
    /// <summary>The key for a 64-bit seed: the low half becomes word 0, the high half word 1.</summary>
    /// <param name="seed">The seed.</param>
    /// <returns>The key.</returns>
    public static PhiloxKey FromSeed(ulong seed) => new((uint)seed, (uint)(seed >> 32));

    /// <summary>The key words in hexadecimal, as the Random123 test vectors print them.</summary>
    /// <returns>"k0 k1" in hexadecimal.</returns>
    public override string ToString() => $"{K0:x8} {K1:x8}";
}
