using System.Text;

namespace RnnLab.Sweeps;

/// <summary>
/// The directory name of a sweep point: the config's Name, then key-value for each grid key
/// ("perception_Model.LeakyReluAngle-0.39"). Section separators become '.', and any character other than
/// a letter, digit, '.', '+' or '-' in a value becomes '_', so a name is always one path component: no
/// separator can appear, and it is never "." or "..", whatever the sweep file says (DESIGN §7).
/// </summary>
public static class PointName
{
    /// <summary>The name for a config Name and the point's values.</summary>
    public static string Of(string configName, IReadOnlyList<KeyValuePair<string, string>> values)
    {
        var name = new StringBuilder(Clean(configName));
        foreach (var (key, value) in values) name.Append('_').Append(Clean(key.Replace(':', '.'))).Append('-').Append(Clean(value));
        var result = name.ToString();
        return result is "." or ".." || result.Length == 0 ? "point" + result.Replace('.', '_') : result;
    }

    private static string Clean(string text)
    {
        var chars = text.Select(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '+' or '-' ? c : '_').ToArray();
        return new string(chars);
    }
}
