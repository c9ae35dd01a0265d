using System.Runtime;

namespace RnnLab.Tests;

/// <summary>RnnLabRuntime.Configure makes the process-wide settings once and says what it made.</summary>
public sealed class RuntimeSettingsTests
{
    [Fact]
    public void Configure_SetsOneLibtorchThread_AndReportsTheProgramsGcChoice()
    {
        var settings = RnnLabRuntime.Configure();
        Assert.Same(settings, RnnLabRuntime.Configure());   // once: a second call changes nothing
        Assert.Equal(1, settings.IntraOpThreads);
        Assert.Equal(1, torch.get_num_threads());
        Assert.Equal(1, settings.InterOpThreads);
        Assert.True(settings.KernelThreads >= 1);
        // The test host is built with background GC off (Directory.Build.props), as the runtime itself reports.
        Assert.False(settings.BackgroundGc);
        Assert.Equal(GCLatencyMode.Batch, GCSettings.LatencyMode);
        Assert.Equal(OperatingSystem.IsLinux(), settings.LargeBlocksKept);
    }
}
