using RnnLab.Configuration;
using RnnLab.Models;
using RnnLab.Training;

namespace RnnLab.Tests.Configuration;

public sealed class OptionsValidatorTests
{
    [Fact]
    public void OptionsBuiltInCode_GetTheConfigFilesRules_AndWords()
    {
        // The same line the binder writes for "Units": 0 in a file, without the file's name.
        var e = Assert.Throws<ConfigurationException>(() => RateRnn.ForSeed(new ModelOptions { Units = 0, NoiseStd = -1 }, 1, 1, 1));
        Assert.Equal(["Model:Units = 0 is out of range; allowed: an integer from 1 to 100000.", "Model:NoiseStd = -1 is out of range; allowed: a number of at least 0."],
            e.Errors);
    }

    [Fact]
    public void NestedOptions_AndRulesOverSeveralKeys_AreCheckedToo()
    {
        var experiment = TestSupport.Experiment(model: new ModelOptions { Units = 8, Dt = 200, Tau = 100 }, training: new TrainingOptions { BatchSize = 0 });
        var problems = OptionsValidator.Problems(experiment, "");
        Assert.Contains(problems, p => p.StartsWith("Model:Dt ", StringComparison.Ordinal));   // Dt > Tau, a rule over two keys
        Assert.Contains(problems, p => p.StartsWith("Training:BatchSize = 0 is out of range", StringComparison.Ordinal));
        Assert.Empty(OptionsValidator.Problems(TestSupport.Experiment(), ""));
    }
}
