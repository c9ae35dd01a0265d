using System.Buffers.Binary;
using System.Text;
using RnnLab.Analysis.FixedPoints;
using RnnLab.Configuration;
using RnnLab.Safetensors;

namespace RnnLab.Analysis.Tests.FixedPoints;

public sealed class InitialStateFileTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("rnnlab-starts-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    // A .npy file as numpy.save writes it (format 1.0): magic, version, a header dict padded with spaces to a
    // multiple of 64 bytes and ending in a newline, then the little-endian values in C order.
    private string Npy(string name, string descr, long[] shape, double[] values, bool fortran = false)
    {
        var dims = shape.Length == 1 ? $"{shape[0]}," : string.Join(", ", shape);
        var dict = $"{{'descr': '{descr}', 'fortran_order': {(fortran ? "True" : "False")}, 'shape': ({dims}), }}";
        var pad = 64 - (10 + dict.Length + 1) % 64;
        var header = Encoding.ASCII.GetBytes(dict + new string(' ', pad % 64) + "\n");
        var size = descr == "<f8" ? 8 : 4;
        var bytes = new byte[10 + header.Length + values.Length * size];
        bytes[0] = 0x93;
        Encoding.ASCII.GetBytes("NUMPY").CopyTo(bytes, 1);
        bytes[6] = 1;
        BinaryPrimitives.WriteUInt16LittleEndian(bytes.AsSpan(8), (ushort)header.Length);
        header.CopyTo(bytes, 10);
        for (var i = 0; i < values.Length; i++)
        {
            var at = bytes.AsSpan(10 + header.Length + i * size);
            if (size == 8) BinaryPrimitives.WriteDoubleLittleEndian(at, values[i]);
            else BinaryPrimitives.WriteSingleLittleEndian(at, (float)values[i]);
        }
        var path = Path.Combine(_dir, name);
        File.WriteAllBytes(path, bytes);
        return path;
    }

    [Theory]
    [InlineData("<f8")]
    [InlineData("<f4")]
    public void Npy_OfFloat64OrFloat32_ReadsAsTheStatesRowByRow(string descr)
    {
        using var scope = NewDisposeScope();
        var values = new[] { 0.5, -1.25, 2, 0.125, 3.5, -0.75 };
        var states = InitialStateFile.Read(Npy("s.npy", descr, [2, 3], values), units: 3);
        Assert.Equal([2L, 3L], states.shape);
        Assert.Equal(ScalarType.Float64, states.dtype);
        Assert.Equal(values, states.reshape(-1).ToArray<double>());
    }

    [Fact]
    public void Npy_OfAnotherShapeOrLayout_IsRefusedInOneLineNamingTheFile()
    {
        var wrong = Npy("wrong.npy", "<f8", [2, 4], new double[8]);
        Assert.Equal([$"FixedPoints:StartsFile = \"{wrong}\" holds an array of shape [2, 4]; allowed: [K, 3] with K >= 1, one state of this network's 3 units per row."],
            Assert.Throws<ConfigurationException>(() => InitialStateFile.Read(wrong, units: 3)).Errors);
        var fortran = Npy("f.npy", "<f8", [2, 3], new double[6], fortran: true);
        Assert.Contains("Fortran order", Assert.Throws<ConfigurationException>(() => InitialStateFile.Read(fortran, units: 3)).Errors.Single());
        var ints = Npy("i.npy", "<i8", [2, 3], new double[6]);
        Assert.Contains("dtype '<i8'", Assert.Throws<ConfigurationException>(() => InitialStateFile.Read(ints, units: 3)).Errors.Single());
        var nan = Npy("nan.npy", "<f8", [1, 3], [0, double.NaN, 1]);
        Assert.Contains("not finite", Assert.Throws<ConfigurationException>(() => InitialStateFile.Read(nan, units: 3)).Errors.Single());
    }

    [Fact]
    public void Safetensors_WithOneTensorOrOneNamedStates_Reads_AndWithSeveralOthersIsRefused()
    {
        using var scope = NewDisposeScope();
        var one = Path.Combine(_dir, "one.safetensors");
        SafetensorsFile.Save(one, new Dictionary<string, Tensor> { ["x"] = tensor(new float[] { 1, 2, 3, 4 }, [2, 2]) });
        Assert.Equal([1.0, 2, 3, 4], InitialStateFile.Read(one, units: 2).reshape(-1).ToArray<double>());
        var named = Path.Combine(_dir, "named.safetensors");
        SafetensorsFile.Save(named, new Dictionary<string, Tensor> { ["states"] = ones([3, 2], float64), ["other"] = zeros([1]) });
        Assert.Equal(3, InitialStateFile.Read(named, units: 2).size(0));
        var several = Path.Combine(_dir, "several.safetensors");
        SafetensorsFile.Save(several, new Dictionary<string, Tensor> { ["a"] = ones([3, 2]), ["b"] = zeros([1]) });
        Assert.Equal([$"FixedPoints:StartsFile = \"{several}\" holds 2 tensors (a, b); allowed: one tensor, or one named \"states\"."],
            Assert.Throws<ConfigurationException>(() => InitialStateFile.Read(several, units: 2)).Errors);
    }
}
