using System.Text;

namespace RnnLab.Cli.Tests.Architecture;

/// <summary>
/// A C# source file split into its code (comments and string literals blanked) and its string literals
/// (interpolation holes blanked): enough to read what a file refers to and what it says, not a parser.
/// </summary>
internal sealed class CSharpSource
{
    private CSharpSource(string path, string code, IReadOnlyList<string> strings)
    {
        Path = path;
        Code = code;
        Strings = strings;
    }

    public string Path { get; }
    public string Code { get; }
    public IReadOnlyList<string> Strings { get; }

    public static CSharpSource Read(string path)
    {
        var text = File.ReadAllText(path);
        var code = new StringBuilder(text.Length);
        var strings = new List<string>();
        var i = 0;
        while (i < text.Length)
        {
            if (Starts(text, i, "//")) { while (i < text.Length && text[i] != '\n') i++; continue; }
            if (Starts(text, i, "/*")) { var end = text.IndexOf("*/", i + 2, StringComparison.Ordinal); i = end < 0 ? text.Length : end + 2; continue; }
            if (text[i] == '\'' ) { i = SkipChar(text, i); code.Append("' '"); continue; }
            if (StringStart(text, i) is { } start)
            {
                var literal = new StringBuilder();
                i = ReadString(text, i, start, literal, code);
                strings.Add(literal.ToString());
                code.Append("\"\"");
                continue;
            }
            code.Append(text[i]);
            i++;
        }
        return new CSharpSource(path, code.ToString(), strings);
    }

    private static bool Starts(string text, int i, string what) => string.CompareOrdinal(text, i, what, 0, what.Length) == 0;

    // The prefix of a string literal at i ("\"", "$\"", "@\"", "$@\"", "@$\"", "\"\"\""), or null.
    private static string? StringStart(string text, int i)
    {
        foreach (var prefix in new[] { "$@\"", "@$\"", "$\"", "@\"", "\"" })
            if (Starts(text, i, prefix)) return prefix;
        return null;
    }

    private static int SkipChar(string text, int i)
    {
        i++;
        while (i < text.Length && text[i] != '\'') i += text[i] == '\\' ? 2 : 1;
        return i + 1;
    }

    // Reads the literal starting at i into literal (holes of an interpolated one as "{}"); returns the index after it.
    private static int ReadString(string text, int i, string prefix, StringBuilder literal, StringBuilder code)
    {
        var interpolated = prefix.Contains('$');
        var verbatim = prefix.Contains('@');
        if (Starts(text, i + prefix.Length - 1, "\"\"\""))   // a raw literal: up to the next """
        {
            var endRaw = text.IndexOf("\"\"\"", i + prefix.Length + 2, StringComparison.Ordinal);
            literal.Append(text, i + prefix.Length + 2, (endRaw < 0 ? text.Length : endRaw) - i - prefix.Length - 2);
            return endRaw < 0 ? text.Length : endRaw + 3;
        }
        i += prefix.Length;
        while (i < text.Length)
        {
            var c = text[i];
            if (verbatim && Starts(text, i, "\"\"")) { literal.Append('"'); i += 2; continue; }
            if (c == '"') return i + 1;
            if (!verbatim && c == '\\') { literal.Append(text, i, Math.Min(2, text.Length - i)); i += 2; continue; }
            if (interpolated && Starts(text, i, "{{")) { literal.Append('{'); i += 2; continue; }
            if (interpolated && c == '{')
            {
                // A hole: code up to its matching brace, with any strings inside it read as strings of their own.
                var depth = 1;
                i++;
                while (i < text.Length && depth > 0)
                {
                    if (StringStart(text, i) is { } inner) { i = ReadString(text, i, inner, new StringBuilder(), code); continue; }
                    if (text[i] == '{') depth++;
                    else if (text[i] == '}') depth--;
                    if (depth > 0) code.Append(text[i]);
                    i++;
                }
                code.Append(' ');
                literal.Append("{}");
                continue;
            }
            literal.Append(c);
            i++;
        }
        return i;
    }
}
