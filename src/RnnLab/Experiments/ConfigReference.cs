using System.Collections;
using System.Globalization;
using System.Reflection;
using System.Text;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using RnnLab.Configuration;
using RnnLab.Models;
using RnnLab.Tasks;
using RnnLab.Training;

namespace RnnLab.Experiments;

/// <summary>
/// docs/config.md, written from the option records themselves: every settable key of every section, its
/// default (a fresh record's value), what the binder allows and the record's own documentation. Nothing is
/// written by hand, so the reference cannot drift from what the binder accepts.
/// </summary>
public static partial class ConfigReference
{
    /// <summary>The whole reference as Markdown; header is a line for its top (say how the file is made).</summary>
    public static string Markdown(string header = "")
    {
        var docs = Documentation.For(typeof(ModelOptions).Assembly);
        var md = new StringBuilder();
        md.AppendLine("# Config reference");
        md.AppendLine();
        if (header.Length > 0) md.AppendLine(header).AppendLine();
        md.AppendLine("An experiment config (`experiments/*.json`) has the top-level keys `Name` (required: the run name, letters,");
        md.AppendLine("digits, `.`, `_`, `-`) and `Seed` (default 1: network k of a multi-seed run uses Seed + k), and the sections");
        md.AppendLine("below. Any key can be overridden on the command line (`--Model:Units=64`) or by an environment variable");
        md.AppendLine("(`RNNLAB_Model__Units=64`); a key that is not listed here, or a value outside what is allowed, is refused");
        md.AppendLine("with one line naming the file, the key and what is allowed.");
        Section(md, docs, "Model", typeof(ModelOptions), new ModelOptions());
        Section(md, docs, "Training", typeof(TrainingOptions), new TrainingOptions());
        md.AppendLine();
        md.AppendLine("## Task");
        md.AppendLine();
        md.AppendLine($"`Task:Kind` (required) chooses the task: {string.Join(", ", TaskCatalog.Kinds)}. The other keys belong to the");
        md.AppendLine("task's own options, with the task's own defaults:");
        foreach (var group in TaskCatalog.Kinds.GroupBy(TaskCatalog.OptionsTypeOf))
        {
            var type = group.Key!;
            Section(md, docs, "Task: " + string.Join(", ", group), type, Activator.CreateInstance(type)!, level: "###");
        }
        Section(md, docs, "FixedPoints", typeof(FixedPointOptions), new FixedPointOptions());
        md.AppendLine();
        md.AppendLine("What the fixed-point keys do, and how to choose them: [fixed-points.md](fixed-points.md).");
        return md.ToString();
    }

    private static void Section(StringBuilder md, Documentation docs, string title, Type type, object defaults, string level = "##")
    {
        md.AppendLine();
        md.AppendLine($"{level} {title}");
        md.AppendLine();
        if (docs.Summary(type) is { Length: > 0 } summary) md.AppendLine(summary).AppendLine();
        md.AppendLine("| key | default | allowed | meaning |");
        md.AppendLine("| --- | --- | --- | --- |");
        foreach (var property in OptionsBinder.Settable(type))
        {
            var meaning = docs.Summary(property).Replace("|", "\\|", StringComparison.Ordinal);
            md.AppendLine($"| `{property.Name}` | {Default(property.GetValue(defaults))} | {Allowed(property)} | {meaning} |");
        }
    }

    private static string Default(object? value) => value switch
    {
        null => "(none)",
        string { Length: 0 } => "(none)",
        string s => s,
        bool b => b ? "true" : "false",
        Enum e => OptionNames.Of(e),
        double d => d.ToString("R", CultureInfo.InvariantCulture).Replace('E', 'e'),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        IEnumerable list => "[" + string.Join(", ", list.Cast<object?>().Select(Default)) + "]",
        _ => value.ToString() ?? "",
    };

    private static string Allowed(PropertyInfo property)
    {
        var type = property.PropertyType;
        var element = type.IsArray ? type.GetElementType()! : type;
        var integer = element == typeof(int) || element == typeof(long);
        var what = element switch
        {
            { IsEnum: true } => "one of " + OptionNames.AllOf(element),
            _ when property.GetCustomAttribute<AllowedAttribute>() is { } allowed => allowed.Describe(integer),
            _ when element == typeof(bool) => "true or false",
            _ when element == typeof(string) => "a string",
            _ => integer ? "an integer" : "a number",
        };
        return type.IsArray ? $"a list, each {what}" : what;
    }

    /// <summary>The summaries of an assembly's XML documentation file, as plain Markdown text.</summary>
    private sealed partial class Documentation(Dictionary<string, string> summaries)
    {
        public static Documentation For(Assembly assembly)
        {
            var file = Path.ChangeExtension(assembly.Location, ".xml");
            if (!File.Exists(file)) throw new FileNotFoundException($"{file}: the documentation file the config reference is written from is missing (build with GenerateDocumentationFile).", file);
            var members = XDocument.Load(file).Root!.Element("members")!.Elements("member");
            return new Documentation(members.Where(m => m.Element("summary") is not null)
                .ToDictionary(m => (string)m.Attribute("name")!, m => Text(m.Element("summary")!)));
        }

        public string Summary(Type type) => summaries.GetValueOrDefault("T:" + type.FullName, "");

        public string Summary(PropertyInfo property) =>
            summaries.GetValueOrDefault($"P:{property.DeclaringType!.FullName}.{property.Name}", "");

        // <see cref="T:A.B.C"/> becomes `C`, <c>x</c> becomes `x`, and line breaks inside a summary become spaces.
        private static string Text(XElement summary)
        {
            var text = new StringBuilder();
            foreach (var node in summary.Nodes())
            {
                text.Append(node switch
                {
                    XText t => t.Value,
                    XElement { Name.LocalName: "see" or "seealso" } e when e.Attribute("cref") is { } cref => $"`{cref.Value.Split('.', ':')[^1]}`",
                    XElement { Name.LocalName: "see" } e when e.Attribute("langword") is { } word => $"`{word.Value}`",
                    XElement { Name.LocalName: "paramref" or "typeparamref" } e => $"`{e.Attribute("name")?.Value}`",
                    XElement { Name.LocalName: "c" } e => $"`{e.Value}`",
                    XElement e => e.Value,
                    _ => "",
                });
            }
            return Whitespace().Replace(text.ToString(), " ").Trim();
        }

        [GeneratedRegex(@"\s+")]
        private static partial Regex Whitespace();
    }
}
