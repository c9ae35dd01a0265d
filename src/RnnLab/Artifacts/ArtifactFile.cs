using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using RnnLab.IO;

namespace RnnLab.Artifacts;

/// <summary>
/// Reads and writes artifact records as JSON files. A reader given a damaged file, or one written by a
/// newer RnnLab (a schema_version above what it knows), or by an older one whose layout it no longer reads
/// (below oldest), says so in one line naming the file, instead of guessing at its contents. Writes are atomic.
/// </summary>
public static class ArtifactFile
{
    /// <summary>Writes a record, atomically.</summary>
    public static void Write<T>(string path, T value, JsonTypeInfo<T> type) => AtomicFile.WriteText(path, JsonSerializer.Serialize(value, type) + "\n");

    /// <summary>Reads a record; schemaOf gives its schema_version, checked to lie in oldest .. current.</summary>
    public static T Read<T>(string path, JsonTypeInfo<T> type, Func<T, int> schemaOf, int current, int oldest = 1)
    {
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new IOException($"{path}: could not be read: {e.Message}", e);
        }
        return Parse(path, text, type, schemaOf, current, oldest);
    }

    /// <summary>Parses one record (a file, or a line of a .jsonl file) with the same checks as <see cref="Read{T}"/>.</summary>
    public static T Parse<T>(string path, string json, JsonTypeInfo<T> type, Func<T, int> schemaOf, int current, int oldest = 1)
    {
        T? value;
        try
        {
            value = JsonSerializer.Deserialize(json, type);
        }
        catch (JsonException e)
        {
            throw new IOException($"{path}: is not a valid {System.IO.Path.GetFileName(path)} ({e.Message}).", e);
        }
        if (value is null) throw new IOException($"{path}: is empty (null).");
        var version = schemaOf(value);
        if (version > current)
            throw new IOException($"{path}: key 'schema_version' is {version}, newer than the {current} this RnnLab reads; update RnnLab to read it.");
        if (version >= 1 && version < oldest)
            throw new IOException($"{path}: key 'schema_version' is {version}, written by an older RnnLab in a layout this one no longer reads ({oldest} to {current}); compute the file again.");
        if (version < 1) throw new IOException($"{path}: key 'schema_version' is {version}; allowed: {oldest} to {current}.");
        return value;
    }
}
