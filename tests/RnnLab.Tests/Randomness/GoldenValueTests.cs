using RnnLab.Randomness;

namespace RnnLab.Tests.Randomness;

/// <summary>
/// Pins the first numbers of one stream bit for bit. Every experiment's noise depends on the stream layout and the
/// Box-Muller kernels, so a change here must be deliberate (and invalidates comparisons with earlier runs). Built
/// only from correctly rounded IEEE operations, the values are meant to be the same on every processor (they are
/// checked here on every instruction-set path the machine has, and reported skipped on the others); a failure on one
/// machine only means its arithmetic differs.
/// </summary>
public sealed class GoldenValueTests
{
    [SimdTheory]
    [MemberData(nameof(SimdPathData.EveryPath), MemberType = typeof(SimdPathData))]
    public void FillFloats_Seed42TrainingNoise_FirstDeviatesArePinned(SimdPath path)
    {
        uint[] expected = [0xC018D15D, 0x3F595C0B, 0xBF283174, 0xBEEE7978, 0x3F5A5035, 0x3F41B3B5, 0x3BF43AA9, 0x3F682589];
        var x = new float[8];
        NormalDeviates.Fill(SeedStream.For(42, SeedPurpose.TrainingNoise).Philox, 0, x, path);
        BitwiseAssert.Equal(expected, Array.ConvertAll(x, BitConverter.SingleToUInt32Bits), $"{path}");
    }

    [SimdTheory]
    [MemberData(nameof(SimdPathData.EveryPath), MemberType = typeof(SimdPathData))]
    public void FillDoubles_Seed42TrainingNoise_FirstDeviatesArePinned(SimdPath path)
    {
        ulong[] expected = [0xBFDB5953652DA03C, 0xC003FBD02E7D6E24, 0xBFE2FDD55CD7C2CF, 0xBFEF2636DCB39544];
        var x = new double[4];
        NormalDeviates.Fill(SeedStream.For(42, SeedPurpose.TrainingNoise).Philox, 0, x, path);
        BitwiseAssert.Equal(expected, Array.ConvertAll(x, BitConverter.DoubleToUInt64Bits), $"{path}");
    }

    [Fact]
    public void TorchSeed_Seed42Initialization_IsPinned()
    {
        Assert.Equal(0x7DBF5DE842E0B8B3UL, SeedStream.TorchSeed(42, SeedPurpose.Initialization));
        Assert.Equal(0x6880FFBE220383A8UL, SeedStream.TorchSeed(42, SeedPurpose.Initialization, 1));
    }
}
