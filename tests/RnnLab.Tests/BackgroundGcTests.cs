using System.Runtime;

namespace RnnLab.Tests;

/// <summary>
/// Background GC stays off (Directory.Build.props): its thread could finish a collection while TorchSharp
/// reads an implicitly converted Scalar in a native call, and free it (docs/engine.md).
/// </summary>
public sealed class BackgroundGcTests
{
    [Fact]
    public void ThisProcessCollectsWithoutABackgroundThread() =>
        Assert.Equal(GCLatencyMode.Batch, GCSettings.LatencyMode);   // Interactive when background GC is on
}
