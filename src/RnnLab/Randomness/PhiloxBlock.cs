namespace RnnLab.Randomness;

/// <summary>Four 32-bit words: a Philox4x32 counter, or the block the generator maps it to.</summary>
/// <param name="X0">Word 0.</param>
/// <param name="X1">Word 1.</param>
/// <param name="X2">Word 2.</param>
/// <param name="X3">Word 3.</param>
public readonly record struct PhiloxBlock(uint X0, uint X1, uint X2, uint X3)
{
    /// <summary>The words in hexadecimal, as the Random123 test vectors print them.</summary>
    /// <returns>"x0 x1 x2 x3" in hexadecimal.</returns>
    public override string ToString() => $"{X0:x8} {X1:x8} {X2:x8} {X3:x8}";
}
