using System.Runtime.CompilerServices;

namespace RnnLab.Randomness;

/// <summary>The portable path: one block per group, the generic kernels instantiated with plain scalars.</summary>
internal readonly struct ScalarKernel : IBlockKernel, IWordLanes<uint>, IFloatLanes<float, int>, IDoubleLanes<double, long>
{
    public static int BlocksPerGroup => 1;

    public static void Words(in PhiloxStream stream, ulong firstBlock, ref uint destination)
    {
        var block = stream.Block(firstBlock);
        destination = block.X0;
        Unsafe.Add(ref destination, 1) = block.X1;
        Unsafe.Add(ref destination, 2) = block.X2;
        Unsafe.Add(ref destination, 3) = block.X3;
    }

    public static void Floats(in PhiloxStream stream, ulong firstBlock, ref float destination)
    {
        var block = stream.Block(firstBlock);
        var (a, b) = FloatBoxMuller.Transform<ScalarKernel, float, int>((int)block.X0, (int)block.X1);
        var (c, d) = FloatBoxMuller.Transform<ScalarKernel, float, int>((int)block.X2, (int)block.X3);
        destination = a;
        Unsafe.Add(ref destination, 1) = b;
        Unsafe.Add(ref destination, 2) = c;
        Unsafe.Add(ref destination, 3) = d;
    }

    public static void Doubles(in PhiloxStream stream, ulong firstBlock, ref double destination)
    {
        var block = stream.Block(firstBlock);
        var (a, b) = DoubleBoxMuller.Transform<ScalarKernel, double, long>(block.X0, block.X1, block.X2, block.X3);
        destination = a;
        Unsafe.Add(ref destination, 1) = b;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static uint Splat(uint value) => value;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static uint Xor(uint left, uint right) => left ^ right;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void MultiplyWide(uint value, uint multiplier, out uint high, out uint low)
    {
        var product = (ulong)value * multiplier;
        high = (uint)(product >> 32);
        low = (uint)product;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static float Splat(float value) => value;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static float Add(float left, float right) => left + right;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static float Subtract(float left, float right) => left - right;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static float Multiply(float left, float right) => left * right;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static float Divide(float left, float right) => left / right;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static float Sqrt(float value) => MathF.Sqrt(value);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static int SplatInt(int value) => value;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static int AddInt(int left, int right) => left + right;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static int SubtractInt(int left, int right) => left - right;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static int AndInt(int left, int right) => left & right;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static int XorInt(int left, int right) => left ^ right;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static int ShiftLeftInt(int value, int count) => value << count;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static int ShiftRightLogicalInt(int value, int count) => value >>> count;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static float ConvertToSingle(int value) => value;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static int AsInt(float value) => BitConverter.SingleToInt32Bits(value);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static float AsSingle(int value) => BitConverter.Int32BitsToSingle(value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static double Splat(double value) => value;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static double Add(double left, double right) => left + right;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static double Subtract(double left, double right) => left - right;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static double Multiply(double left, double right) => left * right;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static double Divide(double left, double right) => left / right;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static double Sqrt(double value) => Math.Sqrt(value);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static long SplatLong(long value) => value;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static long AddLong(long left, long right) => left + right;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static long SubtractLong(long left, long right) => left - right;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static long AndLong(long left, long right) => left & right;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static long OrLong(long left, long right) => left | right;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static long XorLong(long left, long right) => left ^ right;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static long ShiftLeftLong(long value, int count) => value << count;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static long ShiftRightLogicalLong(long value, int count) => value >>> count;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static long AsLong(double value) => BitConverter.DoubleToInt64Bits(value);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static double AsDouble(long value) => BitConverter.Int64BitsToDouble(value);
}
