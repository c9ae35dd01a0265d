namespace RnnLab.Tests.Randomness;

/// <summary>Equality of floating-point arrays bit for bit, reporting the first differing index.</summary>
internal static class BitwiseAssert
{
    public static void Equal(float[] expected, float[] actual, string context) =>
        Equal(Array.ConvertAll(expected, BitConverter.SingleToInt32Bits), Array.ConvertAll(actual, BitConverter.SingleToInt32Bits), context);

    public static void Equal(double[] expected, double[] actual, string context) =>
        Equal(Array.ConvertAll(expected, BitConverter.DoubleToInt64Bits), Array.ConvertAll(actual, BitConverter.DoubleToInt64Bits), context);

    public static void Equal<T>(T[] expected, T[] actual, string context) where T : IEquatable<T>
    {
        Assert.True(expected.Length == actual.Length, $"{context}: length {actual.Length}, expected {expected.Length}");
        for (var i = 0; i < expected.Length; i++)
            Assert.True(expected[i].Equals(actual[i]), $"{context}: first difference at index {i}: {actual[i]}, expected {expected[i]}");
    }
}
