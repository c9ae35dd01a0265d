using RnnLab.Randomness;
using Xunit.Abstractions;
using Xunit.Sdk;

namespace RnnLab.Tests.Randomness;

/// <summary>
/// A theory with a <see cref="SimdPath"/> among its arguments: a row whose path this processor cannot run is
/// reported as skipped, with the instructions it lacks ("this processor lacks AVX-512F"), instead of being left
/// out. So every test run lists which paths it checked.
/// </summary>
[XunitTestCaseDiscoverer("RnnLab.Tests.Randomness.SimdTheoryDiscoverer", "RnnLab.Tests")]
[AttributeUsage(AttributeTargets.Method)]
public sealed class SimdTheoryAttribute : TheoryAttribute;

/// <summary>Turns the rows of a <see cref="SimdTheoryAttribute"/> theory for paths this processor lacks into skipped tests.</summary>
public sealed class SimdTheoryDiscoverer(IMessageSink diagnosticMessageSink) : TheoryDiscoverer(diagnosticMessageSink)
{
    /// <inheritdoc />
    protected override IEnumerable<IXunitTestCase> CreateTestCasesForDataRow(
        ITestFrameworkDiscoveryOptions discoveryOptions, ITestMethod testMethod, IAttributeInfo theoryAttribute, object[] dataRow)
    {
        foreach (var path in dataRow.OfType<SimdPath>())
        {
            if (!SimdPaths.IsSupported(path))
            {
                var reason = $"this processor lacks {SimdPaths.RequiredInstructions(path)}";
                return CreateTestCasesForSkippedDataRow(discoveryOptions, testMethod, theoryAttribute, dataRow, reason);
            }
        }
        return base.CreateTestCasesForDataRow(discoveryOptions, testMethod, theoryAttribute, dataRow);
    }
}

/// <summary>The rows of <see cref="SimdTheoryAttribute"/> theories.</summary>
public static class SimdPathData
{
    /// <summary>Every concrete path, whether or not this processor has it.</summary>
    public static TheoryData<SimdPath> EveryPath => [SimdPath.Scalar, SimdPath.Vector128, SimdPath.Vector256, SimdPath.Vector512];

    /// <summary>The vector paths, each to be compared with the scalar one.</summary>
    public static TheoryData<SimdPath> VectorPaths => [SimdPath.Vector128, SimdPath.Vector256, SimdPath.Vector512];
}
