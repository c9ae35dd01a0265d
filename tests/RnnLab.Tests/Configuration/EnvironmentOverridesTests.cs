using RnnLab.Configuration;

namespace RnnLab.Tests.Configuration;

public sealed class EnvironmentOverridesTests
{
    [Theory]
    [InlineData("RNNLAB_Model__Units", "Model:Units")]
    [InlineData("RNNLAB_Training__StopAccuracy", "Training:StopAccuracy")]
    [InlineData("RNNLAB_KERNEL_THREADS", null)]
    [InlineData("RNNLAB_KILL_AT", null)]
    [InlineData("RNNLAB_PLOTLY", null)]
    [InlineData("HOME", null)]
    public void KeyOf_NamesTheConfigKey_AndLeavesProcessSettingsOut(string variable, string? key) => Assert.Equal(key, EnvironmentOverrides.KeyOf(variable));
}
