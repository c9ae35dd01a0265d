namespace RnnLab.Analysis.Hypotheses;

/// <summary>The verdict words, and how a hypothesis's parts combine.</summary>
public static class VerdictRules
{
    /// <summary>Verdict words.</summary>
    public const string Supported = "supported", NotSupported = "not supported", Inconclusive = "inconclusive";

    /// <summary>A verdict that every part must support: supported when all are, not supported when any is not, inconclusive otherwise.</summary>
    public static string All(params string[] parts) =>
        parts.Length > 0 && parts.All(p => p == Supported) ? Supported : parts.Any(p => p == NotSupported) ? NotSupported : Inconclusive;
}
