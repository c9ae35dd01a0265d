using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Configuration.Json;

namespace RnnLab.Configuration;

/// <summary>
/// A JSON file as configuration whose sections list their keys in the file's order; the standard provider
/// sorts them. Where order carries meaning (a sweep's Grid varies its first key slowest) the file is read
/// through this source. Keys, values, duplicates and errors are the standard JSON provider's.
/// </summary>
public sealed class OrderedJsonSource : JsonConfigurationSource
{
    /// <summary>The configuration of the JSON file at <paramref name="path"/>, keys in the file's order.</summary>
    /// <exception cref="InvalidDataException">The file is not a JSON object (the inner exceptions say where).</exception>
    public static IConfigurationRoot Load(string path)
    {
        var source = new OrderedJsonSource { Path = System.IO.Path.GetFullPath(path), Optional = false, ReloadOnChange = false };
        source.ResolveFileProvider();
        return new ConfigurationBuilder().Add(source).Build();
    }

    /// <summary>As <see cref="Load"/>, for a file bound as options: one that is not JSON is a <see cref="ConfigurationException"/> naming it.</summary>
    public static IConfigurationRoot LoadOptionsFile(string path)
    {
        try
        {
            return Load(path);
        }
        catch (Exception e) when (e is InvalidDataException or FormatException or System.Text.Json.JsonException or IOException)
        {
            throw new ConfigurationException([$"{path}: is not valid JSON: {e.GetBaseException().Message}"]);
        }
    }

    /// <inheritdoc />
    public override IConfigurationProvider Build(IConfigurationBuilder builder)
    {
        EnsureDefaults(builder);
        return new Provider(this);
    }

    private sealed class Provider(JsonConfigurationSource source) : JsonConfigurationProvider(source)
    {
        // The base lists the same keys, then sorts them. Data is filled in document order.
        public override IEnumerable<string> GetChildKeys(IEnumerable<string> earlierKeys, string? parentPath)
        {
            var prefix = parentPath is null ? "" : parentPath + ConfigurationPath.KeyDelimiter;
            var own = Data.Keys
                .Where(k => k.Length > prefix.Length && k.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
                .Select(k => k[prefix.Length..].Split(ConfigurationPath.KeyDelimiter)[0]);
            return own.Concat(earlierKeys).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        }
    }
}
