using System.Collections;
using System.Globalization;
using System.Reflection;

namespace RnnLab.Configuration;

/// <summary>
/// The one check of an options record, however it was made: bound from a config by <see cref="OptionsBinder"/>
/// or built in code. Every numeric property must lie in its <see cref="AllowedAttribute"/> range (each
/// element, for a list), rules involving several keys come from <see cref="IValidatedOptions"/>, and nested
/// options records are checked under their own section. Each problem is one line naming the key, the value
/// and what is allowed, in the words the binder uses for a config file.
/// </summary>
public static class OptionsValidator
{
    /// <summary>Every problem of the options, keys prefixed with section ("Model:Units = 0 is out of range; allowed: ...").</summary>
    public static IReadOnlyList<string> Problems(object options, string section)
    {
        var problems = new List<string>();
        Collect(options, section, problems);
        return problems;
    }

    /// <summary>Throws a <see cref="ConfigurationException"/> listing every problem, if there is any.</summary>
    public static void Ensure(object options, string section)
    {
        var problems = Problems(options, section);
        if (problems.Count > 0) throw new ConfigurationException(problems);
    }

    /// <summary>The out-of-range message for a key (shared with the binder).</summary>
    public static string OutOfRange(string key, string value, AllowedAttribute allowed, bool integer) =>
        $"{key} = {value} is out of range; allowed: {allowed.Describe(integer)}.";

    private static void Collect(object options, string section, List<string> problems)
    {
        string Key(string name) => section.Length == 0 ? name : $"{section}:{name}";
        foreach (var property in options.GetType().GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            if (property.GetIndexParameters().Length > 0 || !property.CanRead) continue;
            var value = property.GetValue(options);
            if (value is null) continue;
            if (property.GetCustomAttribute<AllowedAttribute>() is { } allowed)
            {
                var integer = IsInteger(property.PropertyType.IsArray ? property.PropertyType.GetElementType()! : property.PropertyType);
                if (value is IEnumerable list and not string)
                {
                    foreach (var element in list)
                        if (!allowed.Contains(System.Convert.ToDouble(element, CultureInfo.InvariantCulture)))
                            problems.Add($"{Key(property.Name)} has {Format(element)}, out of range; allowed: a list of {allowed.Describe(integer)} values.");
                }
                else if (!allowed.Contains(System.Convert.ToDouble(value, CultureInfo.InvariantCulture)))
                {
                    problems.Add(OutOfRange(Key(property.Name), Format(value), allowed, integer));
                }
            }
            else if (IsOptionsRecord(property.PropertyType))
            {
                Collect(value, Key(property.Name), problems);
            }
        }
        if (options is IValidatedOptions validated)
            foreach (var (key, message) in validated.Validate())
                problems.Add($"{Key(key)} {message}");
    }

    private static bool IsInteger(Type t) => t == typeof(int) || t == typeof(long);

    private static string Format(object value) => System.Convert.ToString(value, CultureInfo.InvariantCulture) ?? "";

    // A nested options record (ModelOptions inside ExperimentOptions, DcaOptions inside ComparisonOptions).
    private static bool IsOptionsRecord(Type t) => t.IsClass && t != typeof(string) && !t.IsArray && t.Namespace?.StartsWith("RnnLab", StringComparison.Ordinal) == true
        && t.GetMethod("<Clone>$") is not null;
}
