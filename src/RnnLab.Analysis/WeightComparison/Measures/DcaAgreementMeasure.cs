using RnnLab.Analysis.Dca;

namespace RnnLab.Analysis.WeightComparison;

/// <summary>
/// "dca_agreement": DCA's predictive information and how its starts agree (<see cref="StartAgreement"/>),
/// untrained and trained, read from the DCA fit that "dca_subspaces" made (the context keeps it); its
/// result is that fit's two agreements.
/// </summary>
public sealed class DcaAgreementMeasure : ComparisonMeasure<SubspaceAngles>
{
    /// <summary>The measure's id.</summary>
    public const string Key = "dca_agreement";

    /// <inheritdoc />
    public override string Id => Key;

    /// <inheritdoc />
    protected override SubspaceAngles Of(ComparisonContext c) => c.Subspace(SubspaceMethod.Dca);

    /// <inheritdoc />
    protected override IEnumerable<ComparedStatistic> Statistics(SubspaceAngles dca, ComparisonContext c)
    {
        yield return new("DCA predictive information (nats)", dca.InformationInit, dca.InformationFinal);
        yield return new("DCA spread of PI across starts (nats)", dca.AgreementInit?.InformationSpread, dca.AgreementFinal?.InformationSpread);
        yield return new("DCA starts converged (fraction)", (double?)dca.AgreementInit?.Converged / dca.AgreementInit?.Starts,
            (double?)dca.AgreementFinal?.Converged / dca.AgreementFinal?.Starts);
        // How far from stationary the task trials are: the shift that made the block-Toeplitz estimate positive definite, over the mean variance.
        yield return c.Options.Dca.Estimator == DcaEstimator.Toeplitz
            ? new("DCA covariance rectification (shift / mean variance)", dca.AgreementInit?.Rectification, dca.AgreementFinal?.Rectification)
            : new("DCA covariance rectification (shift / mean variance)", null, null, "not needed: the windows' own covariance is positive semi-definite (DcaOptions.Estimator = Windows)");
        yield return new("DCA converged starts within 0.05 nats of the best (fraction)", dca.AgreementInit?.FractionReached, dca.AgreementFinal?.FractionReached);
    }
}
