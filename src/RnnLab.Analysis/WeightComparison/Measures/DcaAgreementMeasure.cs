using RnnLab.Analysis.Dca;

namespace RnnLab.Analysis.WeightComparison;

/// <summary>How DCA's starts agree on the untrained and the trained network (<see cref="StartAgreement"/>).</summary>
public sealed record DcaAgreement(StartAgreement? Init, StartAgreement? Final);

/// <summary>
/// "dca_agreement": DCA's predictive information and how its starts agree, untrained and trained, read
/// from the DCA fit that "dca_subspaces" made (the context keeps it).
/// </summary>
public sealed class DcaAgreementMeasure : ComparisonMeasure<DcaAgreement>
{
    /// <summary>The measure's id.</summary>
    public const string Key = "dca_agreement";

    /// <inheritdoc />
    public override string Id => Key;

    /// <inheritdoc />
    protected override DcaAgreement Of(ComparisonContext c) => new(c.Subspace(SubspaceMethod.Dca).AgreementInit, c.Subspace(SubspaceMethod.Dca).AgreementFinal);

    /// <inheritdoc />
    protected override IEnumerable<ComparedStatistic> Statistics(DcaAgreement agreement, ComparisonContext c)
    {
        var dca = c.Subspace(SubspaceMethod.Dca);
        yield return new("DCA predictive information (nats)", dca.InformationInit, dca.InformationFinal);
        yield return new("DCA spread of PI across starts (nats)", agreement.Init?.InformationSpread, agreement.Final?.InformationSpread);
        yield return new("DCA starts converged (fraction)", (double?)agreement.Init?.Converged / agreement.Init?.Starts,
            (double?)agreement.Final?.Converged / agreement.Final?.Starts);
        // How far from stationary the task trials are: the shift that made the block-Toeplitz estimate positive definite, over the mean variance.
        yield return c.Options.Dca.Estimator == DcaEstimator.Toeplitz
            ? new("DCA covariance rectification (shift / mean variance)", agreement.Init?.Rectification, agreement.Final?.Rectification)
            : new("DCA covariance rectification (shift / mean variance)", null, null, "not needed: the windows' own covariance is positive semi-definite (DcaOptions.Estimator = Windows)");
        yield return new("DCA converged starts within 0.05 nats of the best (fraction)", agreement.Init?.FractionReached, agreement.Final?.FractionReached);
    }
}
