using System.Globalization;
using System.Reflection;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Configuration.CommandLine;
using Microsoft.Extensions.Configuration.Json;

namespace RnnLab.Configuration;

/// <summary>
/// Binds configuration sections to typed options records, strictly: every key must be a property,
/// every value must parse as the property's type and lie in its <see cref="AllowedAttribute"/> range.
/// Problems are collected (not thrown one at a time) so a user sees all of them at once, each naming
/// its source (file, command line or environment), key, value and what is allowed.
/// </summary>
/// <remarks>
/// Property types: strings, numbers, booleans and enums; arrays of them (a JSON list, or "a,b,c"); nested
/// options records (a section); and maps of config keys (a sweep's Set and Grid):
/// <c>IReadOnlyDictionary&lt;string, string&gt;</c> takes every value under the section and
/// <c>IReadOnlyDictionary&lt;string, string[]&gt;</c> every list, each keyed by its path below the section, so
/// <c>{ "Model:Units": 8 }</c> and <c>{ "Model": { "Units": 8 } }</c> both give Model:Units. Their order is
/// the configuration's (see <see cref="OrderedJsonSource"/>).
/// </remarks>
public sealed class OptionsBinder(IConfigurationRoot root, string configFile)
{
    private readonly List<string> _errors = [];

    /// <summary>The problems found so far.</summary>
    public IReadOnlyList<string> Errors => _errors;

    /// <summary>Records a problem with a key (its source is looked up).</summary>
    public void Error(string key, string message) => _errors.Add($"{SourceOf(key)}: {message}");

    /// <summary>Creates T with its defaults and overwrites every property the section (or the whole root) sets.</summary>
    public T Bind<T>(IConfiguration section, params string[] ignoredKeys) where T : new() =>
        (T)Bind(typeof(T), section, ignoredKeys);

    /// <summary>Untyped <see cref="Bind{T}"/>.</summary>
    public object Bind(Type type, IConfiguration section, params string[] ignoredKeys)
    {
        var target = Activator.CreateInstance(type)!;
        var properties = Settable(type);
        var sectionPath = section is IConfigurationSection s ? s.Path : "";
        foreach (var child in section.GetChildren())
        {
            if (ignoredKeys.Contains(child.Key, StringComparer.OrdinalIgnoreCase)) continue;
            var property = properties.FirstOrDefault(p => string.Equals(p.Name, child.Key, StringComparison.OrdinalIgnoreCase));
            if (property is null)
            {
                var allowed = string.Join(", ", ignoredKeys.Concat(properties.Select(p => p.Name)));
                var where = sectionPath.Length == 0 ? "at the top level" : $"in {sectionPath}";
                Error(child.Path, $"unknown key {child.Path}; allowed {where}: {allowed}.");
                continue;
            }
            if (property.PropertyType == typeof(IReadOnlyDictionary<string, string>))
            {
                property.SetValue(target, BindValues(child));
                continue;
            }
            if (property.PropertyType == typeof(IReadOnlyDictionary<string, string[]>))
            {
                property.SetValue(target, BindLists(child));
                continue;
            }
            if (IsOptionsType(property.PropertyType))
            {
                property.SetValue(target, Bind(property.PropertyType, child));
                continue;
            }
            if (TryConvert(property, child, out var value)) property.SetValue(target, value);
        }
        if (target is IValidatedOptions validated)
        {
            foreach (var (key, message) in validated.Validate())
            {
                var path = sectionPath.Length == 0 ? key : sectionPath + ":" + key;
                Error(path, $"{path} {message}");
            }
        }
        return target;
    }

    /// <summary>The properties a config can set, in declaration order.</summary>
    public static IReadOnlyList<PropertyInfo> Settable(Type type) =>
        type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.CanWrite && p.GetCustomAttribute<NotConfigurableAttribute>() is null)
            .OrderBy(p => Depth(p.DeclaringType!))
            .ThenBy(p => p.MetadataToken)
            .ToList();

    // Base-record keys (shared by every task) come before a derived record's own keys.
    private static int Depth(Type t)
    {
        var depth = 0;
        for (var b = t.BaseType; b is not null; b = b.BaseType) depth++;
        return depth;
    }

    private static bool IsOptionsType(Type t) => t.IsClass && t != typeof(string) && !t.IsArray;

    private const string AllowedValues = "allowed: { \"Section:Key\": value, ... }, each value a number, a string, true or false";
    private const string AllowedLists = "allowed: { \"Section:Key\": [value, ...], ... }, each list non-empty";

    // Every value under a map section, keyed by its path below it.
    private Dictionary<string, string> BindValues(IConfigurationSection section)
    {
        var values = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        if (!IsMap(section, AllowedValues)) return values;
        foreach (var (key, node) in Entries(section, section))
        {
            if (node.Value is { } value) values[key] = value;
            else Error(node.Path, $"{node.Path} is {(IsList(node) ? "a list" : "empty")}, not a single value; {AllowedValues}.");
        }
        return values;
    }

    // Every list under a map section, keyed by its path below it.
    private Dictionary<string, string[]> BindLists(IConfigurationSection section)
    {
        var lists = new Dictionary<string, string[]>(StringComparer.OrdinalIgnoreCase);
        if (!IsMap(section, AllowedLists)) return lists;
        foreach (var (key, node) in Entries(section, section))
        {
            var elements = node.GetChildren().ToList();
            if (!IsList(node))
                Error(node.Path, node.Value is { Length: > 0 } single ? $"{node.Path} = \"{single}\" is not a list; {AllowedLists}." : $"{node.Path} is empty; {AllowedLists}.");
            else if (elements.Any(e => e.Value is null))
                Error(node.Path, $"{node.Path} is not a list of single values; {AllowedLists}.");
            else
                lists[key] = elements.Select(e => e.Value!).ToArray();
        }
        return lists;
    }

    // A map is a section (or nothing: an empty list or object binds as an empty map).
    private bool IsMap(IConfigurationSection section, string allowed)
    {
        if (section.Value is { Length: > 0 } value) Error(section.Path, $"{section.Path} = \"{value}\" is not a section; {allowed}.");
        else if (IsList(section)) Error(section.Path, $"{section.Path} is a list, not a section; {allowed}.");
        else return true;
        return false;
    }

    // The nodes under a map that hold a value, a list, or nothing (JSON's null or {}), with their keys relative to the map.
    private static IEnumerable<(string Key, IConfigurationSection Node)> Entries(IConfigurationSection map, IConfigurationSection section)
    {
        foreach (var child in section.GetChildren())
        {
            if (child.Value is not null || IsList(child) || !child.GetChildren().Any())
                yield return (child.Path[(map.Path.Length + 1)..], child);
            else
                foreach (var entry in Entries(map, child)) yield return entry;
        }
    }

    // A JSON list: children keyed 0, 1, 2, ...
    private static bool IsList(IConfigurationSection section)
    {
        var keys = section.GetChildren().Select(c => c.Key).ToList();
        return keys.Count > 0 && keys.Select((k, i) => k == i.ToString(CultureInfo.InvariantCulture)).All(x => x);
    }

    private bool TryConvert(PropertyInfo property, IConfigurationSection section, out object? value)
    {
        var type = property.PropertyType;
        var allowed = property.GetCustomAttribute<AllowedAttribute>();
        value = null;

        if (type.IsArray)
        {
            var elementType = type.GetElementType()!;
            if (section.Value is null && section.GetChildren().Any() && (!IsList(section) || section.GetChildren().Any(c => c.Value is null)))
            {
                Error(section.Path, $"{section.Path} is not a list of single values; allowed: a list of {Expected(elementType, allowed)} values.");
                return false;
            }
            // JSON arrays bind as children "0", "1", ...; the command line may give "a,b,c".
            var texts = section.Value is { } joined
                ? joined.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                : section.GetChildren().OrderBy(c => int.TryParse(c.Key, out var i) ? i : int.MaxValue).Select(c => c.Value ?? "").ToArray();
            var array = Array.CreateInstance(elementType, texts.Length);
            for (var i = 0; i < texts.Length; i++)
            {
                if (!TryParseScalar(elementType, texts[i], out var element, out var expected))
                {
                    Error(section.Path, $"{section.Path} = \"{texts[i]}\" is not {expected}; allowed: a list of {expected} values.");
                    return false;
                }
                if (allowed is not null && !allowed.Contains(System.Convert.ToDouble(element, CultureInfo.InvariantCulture)))
                {
                    Error(section.Path, $"{section.Path} has {texts[i]}, out of range; allowed: a list of {allowed.Describe(elementType == typeof(int))} values.");
                    return false;
                }
                array.SetValue(element, i);
            }
            value = array;
            return true;
        }

        var text = section.Value;
        if (text is null)
        {
            Error(section.Path, $"{section.Path} must be a single value, not a section; allowed: {Expected(type, allowed)}.");
            return false;
        }
        if (!TryParseScalar(type, text, out value, out var what))
        {
            Error(section.Path, $"{section.Path} = \"{text}\" is not {what}; allowed: {Expected(type, allowed)}.");
            return false;
        }
        if (allowed is not null && !allowed.Contains(System.Convert.ToDouble(value, CultureInfo.InvariantCulture)))
        {
            Error(section.Path, OptionsValidator.OutOfRange(section.Path, text, allowed, type == typeof(int) || type == typeof(long)));
            return false;
        }
        return true;
    }

    private static string Expected(Type type, AllowedAttribute? allowed)
    {
        if (type.IsEnum) return "one of " + OptionNames.AllOf(type);
        if (allowed is not null) return allowed.Describe(type == typeof(int) || type == typeof(long));
        return type == typeof(bool) ? "true or false" : type == typeof(string) ? "a string" : type == typeof(int) || type == typeof(long) ? "an integer" : "a number";
    }

    private static bool TryParseScalar(Type type, string text, out object? value, out string what)
    {
        var inv = CultureInfo.InvariantCulture;
        value = null;
        switch (type)
        {
            case var t when t == typeof(string):
                what = "a string";
                value = text;
                return true;
            case var t when t == typeof(int):
                what = "an integer";
                if (int.TryParse(text, NumberStyles.Integer, inv, out var i)) { value = i; return true; }
                return false;
            case var t when t == typeof(long):
                what = "an integer";
                if (long.TryParse(text, NumberStyles.Integer, inv, out var l)) { value = l; return true; }
                return false;
            case var t when t == typeof(double):
                what = "a number";
                if (double.TryParse(text, NumberStyles.Float, inv, out var d) && double.IsFinite(d)) { value = d; return true; }
                return false;
            case var t when t == typeof(bool):
                what = "true or false";
                if (bool.TryParse(text, out var b)) { value = b; return true; }
                return false;
            case var t when t.IsEnum:
                what = "one of " + OptionNames.AllOf(t);
                return OptionNames.TryParse(t, text, out value);
            default:
                throw new NotSupportedException($"Options of type {type.Name} cannot be bound.");
        }
    }

    /// <summary>Where the effective value of a key (or of anything under it) came from; the config file for a key that nothing sets.</summary>
    public string SourceOf(string key)
    {
        foreach (var provider in root.Providers.Reverse())
        {
            if (provider.TryGet(key, out _) || provider.GetChildKeys([], key).Any())
                return provider switch
                {
                    JsonConfigurationProvider => configFile,
                    CommandLineConfigurationProvider => "command line",
                    EnvironmentOverrides => "environment",
                    ConfigLayer layer => layer.Source,
                    _ => "configuration",
                };
        }
        return configFile;
    }
}

/// <summary>Marks a property that configs cannot set (it is derived or set by code).</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class NotConfigurableAttribute : Attribute;
