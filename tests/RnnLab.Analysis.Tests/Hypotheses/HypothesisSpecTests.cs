using System.Text;
using RnnLab.Analysis.Hypotheses;
using RnnLab.Configuration;

namespace RnnLab.Analysis.Tests.Hypotheses;

/// <summary>The hypothesis spec: read strictly, and never edited without a new version.</summary>
public class HypothesisSpecTests
{
    // The SHA-256 of every version of experiments/hypotheses/seed002.json. A rule changed after results were seen
    // is a new version with its Changes said: add a line here, never edit one.
    private static readonly Dictionary<int, string> Versions = new()
    {
        [2] = "a72f4f7ca63fd16ca300f770a9bc695876f3dfe59d61f640604c08654ecd4a22",
        [3] = "8d19f3fefb194c900d65c7f130e0a5d9f3922814ee4beab08b9372f8f6784b31",
    };

    [Fact]
    public void TheShippedSpecIsTheOneBuiltIn_AndItsBytesAreThoseRecordedForItsVersion()
    {
        var file = HypothesisSpec.Load(RepositoryFiles.Find(HypothesisSpec.BuiltInName));
        var builtIn = HypothesisSpec.BuiltIn();
        Assert.Equal(file.Sha256, builtIn.Sha256);
        Assert.True(Versions.TryGetValue(builtIn.Version, out var recorded), $"version {builtIn.Version} has no recorded hash; add it to {nameof(Versions)}");
        Assert.True(recorded == builtIn.Sha256, $"{HypothesisSpec.BuiltInName} changed without a new Version: its SHA-256 is {builtIn.Sha256}, version {builtIn.Version} was {recorded}");
    }

    private static ConfigurationException Bad(string json) =>
        Assert.Throws<ConfigurationException>(() => HypothesisSpec.Parse(Encoding.UTF8.GetBytes(json), "spec.json"));

    private const string Good = """
        { "Name": "x", "Version": 1, "Alpha": 0.05, "Correction": "holm", "MinimumNetworks": 3, "Inclusion": "learned", "Rule": "r", "Changes": "",
          "Hypotheses": [ { "Id": "H", "Statement": "s", "Parts": [ { "Measure": "dca_turn", "Decides": true, "Direction": "above", "Null": "retest", "Why": "w" } ] } ] }
        """;

    [Fact]
    public void AGoodSpecReads_AndEachMistakeIsOneLineNamingTheFileTheKeyAndWhatIsAllowed()
    {
        Assert.Equal(1, HypothesisSpec.Parse(Encoding.UTF8.GetBytes(Good), "spec.json").DecidingParts);
        Assert.Equal(["spec.json: Hypotheses[0].Parts[0].Null = 'random' is not allowed for dca_turn; allowed: retest."],
            Bad(Good.Replace("\"retest\"", "\"random\"")).Errors);
        Assert.StartsWith("spec.json: Hypotheses[0].Parts[0].Measure = 'turn' is not a measure; allowed: pi_interaction, ",
            Assert.Single(Bad(Good.Replace("dca_turn", "turn")).Errors));
        Assert.Equal(["spec.json: Hypotheses[0].Parts[0].Direction = 'up' is not allowed; allowed: above, below."], Bad(Good.Replace("\"above\"", "\"up\"")).Errors);
        Assert.Equal(["spec.json: Correction = 'bonferroni' is not allowed; allowed: holm, none."], Bad(Good.Replace("\"holm\"", "\"bonferroni\"")).Errors);
        Assert.Equal(["spec.json: Hypotheses[0].Parts[0] (dca_turn) needs either a Threshold or a Null, not both or neither."],
            Bad(Good.Replace("\"Null\": \"retest\"", "\"Threshold\": 1, \"Null\": \"retest\"")).Errors);
        var unknown = Assert.Single(Bad(Good.Replace("\"Rule\"", "\"Rules\"")).Errors);
        Assert.StartsWith("spec.json: ", unknown);
        Assert.Contains("Rules", unknown);
    }
}
