using RnnLab.Experiments;
using static RnnLab.Cli.Tests.CliRunner;

namespace RnnLab.Cli.Tests.Docs;

public class ConfigDocTests
{
    [Fact]
    public void DocsConfig_IsWhatTheOptionRecordsGenerate()
    {
        var file = Path.Combine(RepositoryRoot(), "docs", "config.md");
        var written = File.ReadAllLines(file);
        var generated = RnnLab.Cli.Commands.InfoCommand.ConfigReferenceMarkdown().TrimEnd('\n').Split('\n');
        var first = Enumerable.Range(0, Math.Max(written.Length, generated.Length))
            .FirstOrDefault(i => i >= written.Length || i >= generated.Length || written[i] != generated[i], -1);
        Assert.True(first < 0,
            $"docs/config.md differs from the option records at line {first + 1}; regenerate it with `./rnnlab info --config-reference > docs/config.md`.\n" +
            $"file:      {(first >= 0 && first < written.Length ? written[first] : "(end)")}\ngenerated: {(first >= 0 && first < generated.Length ? generated[first] : "(end)")}");
    }

    [Fact]
    public void TheReference_ListsEveryKeyOfEverySection_WithItsDefault()
    {
        var markdown = ConfigReference.Markdown();
        // Independent of the generator's own walk: every key the binder accepts appears as a row, with a fresh record's value.
        foreach (var type in new[] { typeof(RnnLab.Models.ModelOptions), typeof(RnnLab.Training.TrainingOptions), typeof(FixedPointOptions) })
            foreach (var property in RnnLab.Configuration.OptionsBinder.Settable(type))
                Assert.Contains($"| `{property.Name}` |", markdown);
        Assert.Contains("| `Units` | 128 | an integer from 1 to 100000 | Number of recurrent units N. |", markdown);
        Assert.Contains("| `Activation` | relu | one of relu, tanh, leaky_relu, softplus, linear |", markdown);
        Assert.Contains("### Task: flipflop", markdown);
        Assert.Contains("| `StimulusNoise` | 0 |", markdown);   // flipflop's own default, not the base record's 0.05
    }
}
