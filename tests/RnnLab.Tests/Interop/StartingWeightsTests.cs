using RnnLab.Interop;
using RnnLab.Models;
using RnnLab.Safetensors;

namespace RnnLab.Tests.Interop;

public sealed class StartingWeightsTests : IDisposable
{
    private static readonly ModelOptions Six = new() { Units = 6 };
    private readonly string _dir = TestSupport.TempDirectory();

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Theory]
    [InlineData("state_dict.pt")]
    [InlineData("state_dict_float64.pt")]   // rounded to the network's float32
    public void WeightsSavedByPyTorch_BecomeTheNetworksWeights(string file)
    {
        using var start = StartingWeights.Read(Fixtures.Path(file), Six, 2, 1);
        using var network = RateRnn.ForSeed(Six, 2, 1, 11);
        var maskBefore = TensorData.ToArray<float>(network.StateOf(0)["mask"]);
        start.ApplyTo(network);
        var state = network.StateOf(0);
        foreach (var name in Fixtures.Tensors.Keys)
        {
            Assert.Equal(ScalarType.Float32, state[name].dtype);
            var expected = Fixtures.Values(name).Select(v => (float)v).ToArray();
            var actual = TensorData.ToArray<float>(state[name]);
            for (var i = 0; i < expected.Length; i++) Assert.Equal(expected[i], actual[i], 1e-7f);
        }
        Assert.Equal(maskBefore, TensorData.ToArray<float>(state["mask"]));   // no mask in the file: the seed's stays
        Assert.True(network.TrainableParameters.Single().requires_grad);       // still a trainable leaf
    }

    [Fact]
    public void ASafetensorsFile_Works_AndItsMaskIsAdopted()
    {
        var path = Path.Combine(_dir, "sparse.safetensors");
        using (var source = RateRnn.ForSeed(Six with { Connectivity = Connectivity.Sparse, Density = 0.5 }, 2, 1, 4))
            SafetensorsFile.Save(path, source.StateOf(0));
        using var start = StartingWeights.Read(path, Six, 2, 1);
        using var network = RateRnn.ForSeed(Six, 2, 1, 5);   // dense
        start.ApplyTo(network);
        using var written = SafetensorsFile.Load(path);
        foreach (var (name, tensor) in written.Tensors)
            Assert.True(network.StateOf(0)[name].equal(tensor).all().item<bool>(), name);
        Assert.True(network.StateOf(0)["mask"].sum().item<float>() < 30);   // the sparse mask, not the dense one (30 off-diagonal ones)
    }

    [Fact]
    public void AMissingParameter_IsNamed()
    {
        var path = Save("missing.pt", without: "W_out");
        var e = Assert.Throws<WeightsFileException>(() => StartingWeights.Read(path, Six, 2, 1));
        Assert.Equal($"{path}: lacks 'W_out'; this network needs W_rec, W_in, b, W_out (config Model:Units 6, 2 input(s), 1 output(s)).", e.Message);
    }

    [Fact]
    public void AForeignName_IsNamed_WithTheAllowedOnes()
    {
        var path = Save("extra.pt", extra: ("W_hh", zeros(6, 6)));
        var e = Assert.Throws<WeightsFileException>(() => StartingWeights.Read(path, Six, 2, 1));
        Assert.Equal($"{path}: holds 'W_hh', which this network does not have; allowed names: W_rec, W_in, b, W_out, mask.", e.Message);
    }

    [Fact]
    public void AWrongShape_IsNamed_WithTheShapeTheConfigNeeds()
    {
        var path = Fixtures.Path("state_dict.pt");
        var e = Assert.Throws<WeightsFileException>(() => StartingWeights.Read(path, new ModelOptions { Units = 8 }, 2, 1));
        Assert.Equal($"{path}: 'W_rec' has shape [6, 6]; this network needs [8, 8] (config Model:Units 8, 2 input(s), 1 output(s)).", e.Message);
    }

    [Fact]
    public void NonFiniteValues_AndIntegerWeights_AreRefused()
    {
        var nan = Save("nan.pt", replace: ("b", full(6, double.NaN)));
        Assert.Equal($"{nan}: 'b' holds NaN or infinite values.", Assert.Throws<WeightsFileException>(() => StartingWeights.Read(nan, Six, 2, 1)).Message);
        var integers = Save("int.pt", replace: ("b", zeros(6, dtype: ScalarType.Int64)));
        Assert.Equal($"{integers}: 'b' has dtype int64; allowed: float32, float64.", Assert.Throws<WeightsFileException>(() => StartingWeights.Read(integers, Six, 2, 1)).Message);
    }

    [Fact]
    public void MasksAndDalesLaw_MustFitTheConfig()
    {
        var halves = Save("mask.pt", extra: ("mask", full(6, 6, 0.5)));
        Assert.Equal($"{halves}: 'mask' holds values other than 0 and 1.", Assert.Throws<WeightsFileException>(() => StartingWeights.Read(halves, Six, 2, 1)).Message);
        var self = Save("self.pt", extra: ("mask", ones(6, 6)));
        Assert.Contains("self-connections", Assert.Throws<WeightsFileException>(() => StartingWeights.Read(self, Six, 2, 1)).Message);
        var dale = Save("dale.pt", extra: ("dale_sign", ones(6)));
        Assert.Equal($"{dale}: holds 'dale_sign' (a network under Dale's law) but the config's Model:Dale is false.",
            Assert.Throws<WeightsFileException>(() => StartingWeights.Read(dale, Six, 2, 1)).Message);
        Assert.Contains("differs from the signs", Assert.Throws<WeightsFileException>(() => StartingWeights.Read(dale, Six with { Dale = true }, 2, 1)).Message);
    }

    [Fact]
    public void AFileOfNeitherFormat_SaysSo()
    {
        var path = Path.Combine(_dir, "weights.npy");
        File.WriteAllText(path, "\u0093NUMPY");
        var e = Assert.Throws<WeightsFileException>(() => StartingWeights.Read(path, Six, 2, 1));
        Assert.StartsWith($"{path}: is neither a PyTorch state_dict (zip) file nor a valid safetensors file", e.Message);
    }

    // The fixture's tensors, one left out, replaced or added, written as a PyTorch file.
    private string Save(string name, string? without = null, (string name, Tensor value)? replace = null, (string name, Tensor value)? extra = null)
    {
        var tensors = PyTorchStateDict.Load(Fixtures.Path("state_dict.pt"));
        if (without is not null) tensors.Remove(without);
        if (replace is { } r) tensors[r.name] = r.value;
        if (extra is { } x) tensors[x.name] = x.value;
        var path = Path.Combine(_dir, name);
        PyTorchStateDict.Save(path, tensors);
        foreach (var t in tensors.Values) t.Dispose();
        return path;
    }
}
