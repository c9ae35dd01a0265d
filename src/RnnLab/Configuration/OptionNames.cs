using System.Text;

namespace RnnLab.Configuration;

/// <summary>How enum values are written in configs: snake_case ("leaky_relu", "feed_forward").</summary>
public static class OptionNames
{
    /// <summary>The config spelling of an enum value.</summary>
    public static string Of(Enum value) => Snake(value.ToString());

    /// <summary>All config spellings of an enum type, comma separated.</summary>
    public static string AllOf(Type enumType) => string.Join(", ", Enum.GetNames(enumType).Select(Snake));

    /// <summary>Parses a config spelling (case-insensitive, underscores optional).</summary>
    public static bool TryParse(Type enumType, string text, out object? value)
    {
        var wanted = text.Replace("_", "").Trim();
        foreach (var name in Enum.GetNames(enumType))
        {
            if (string.Equals(name, wanted, StringComparison.OrdinalIgnoreCase))
            {
                value = Enum.Parse(enumType, name);
                return true;
            }
        }
        value = null;
        return false;
    }

    private static string Snake(string pascal)
    {
        var sb = new StringBuilder();
        for (var i = 0; i < pascal.Length; i++)
        {
            if (char.IsUpper(pascal[i]) && i > 0) sb.Append('_');
            sb.Append(char.ToLowerInvariant(pascal[i]));
        }
        return sb.ToString();
    }
}
