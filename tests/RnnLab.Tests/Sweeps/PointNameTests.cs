using RnnLab.Sweeps;

namespace RnnLab.Tests.Sweeps;

public sealed class PointNameTests
{
    [Theory]
    [InlineData("perception", "Model:Units", "64", "perception_Model.Units-64")]
    [InlineData("p", "Task:Kind", "../../etc", "p_Task.Kind-.._.._etc")]
    [InlineData("p", "Model:Activation", "a/b\\c d", "p_Model.Activation-a_b_c_d")]
    [InlineData("p", "Model:Gain", "-1.5e+3", "p_Model.Gain--1.5e+3")]
    public void NamesAreOnePathComponentMadeOfTheKeysAndValues(string config, string key, string value, string expected)
    {
        var name = PointName.Of(config, [new(key, value)]);

        Assert.Equal(expected, name);
        Assert.Equal(name, Path.GetFileName(name));
    }

    [Theory]
    [InlineData("..")]
    [InlineData(".")]
    public void AConfigNamedLikeAParentDirectoryDoesNotNameOne(string config)
    {
        var name = PointName.Of(config, []);

        Assert.NotEqual(config, name);
        Assert.Equal(Path.GetFullPath("/sweep"), Path.GetDirectoryName(Path.GetFullPath(Path.Combine("/sweep", name))));
    }
}
