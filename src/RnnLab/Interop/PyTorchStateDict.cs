using System.Collections;
using System.IO.Compression;
using RnnLab.IO;
using TorchSharp.PyBridge;
using static TorchSharp.torch;

namespace RnnLab.Interop;

/// <summary>
/// A PyTorch <c>state_dict</c> file, as <c>torch.save(model.state_dict(), path)</c> writes it and
/// <c>torch.load</c> reads it: a zip archive holding a pickle (<c>data.pkl</c>) and one entry per tensor.
/// TorchSharp.PyBridge does the pickling; this adds what loading untrusted files needs (DESIGN §7):
/// every entry's data is checked against the CRC-32 the archive records, the pickle's globals against
/// those a state_dict of tensors uses before anything is unpickled, and every failure is one message
/// naming the file. Writes are atomic.
/// </summary>
public static class PyTorchStateDict
{
    /// <summary>
    /// The globals a state_dict of plain tensors needs: the ordered dict, the tensor rebuild functions
    /// and the storage classes of the dtypes PyBridge reads.
    /// </summary>
    public static readonly IReadOnlySet<string> AllowedGlobals = new HashSet<string>(StringComparer.Ordinal)
    {
        "collections.OrderedDict",
        "torch._utils._rebuild_tensor",
        "torch._utils._rebuild_tensor_v2",
        "torch.FloatStorage", "torch.DoubleStorage", "torch.HalfStorage", "torch.BFloat16Storage",
        "torch.LongStorage", "torch.IntStorage", "torch.ShortStorage", "torch.CharStorage", "torch.ByteStorage", "torch.BoolStorage",
    };

    /// <summary>Writes tensors (copied to the CPU, contiguous) as a PyTorch state_dict file, atomically.</summary>
    public static void Save(string path, IReadOnlyDictionary<string, Tensor> tensors)
    {
        using var scope = NewDisposeScope();
        // Python's torch.load keeps insertion order; sorted names make the file the same on every run.
        var state = new System.Collections.Specialized.OrderedDictionary();
        foreach (var name in tensors.Keys.Order(StringComparer.Ordinal))
            state[name] = tensors[name].detach().cpu().contiguous();
        try
        {
            AtomicFile.Write(path, stream => PyTorchPickler.PickleStateDict(stream, state, leaveOpen: true));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new WeightsFileException(path, "could not be written: " + e.Message, e);
        }
    }

    /// <summary>Reads a state_dict file of tensors, after checking every global its pickle names.</summary>
    public static Dictionary<string, Tensor> Load(string path)
    {
        byte[] file;
        try
        {
            file = File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new WeightsFileException(path, "could not be read: " + e.Message, e);
        }
        CheckGlobals(path, file);

        Hashtable table;
        try
        {
            table = PyTorchUnpickler.UnpickleStateDict(new MemoryStream(file, writable: false));
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // PyBridge reports damage as whatever its zip and pickle readers throw; the cause is the file.
            throw new WeightsFileException(path, $"is not a readable PyTorch state_dict file ({e.GetType().Name}: {e.Message}).", e);
        }

        var result = new Dictionary<string, Tensor>(StringComparer.Ordinal);
        foreach (DictionaryEntry entry in table)
        {
            if (entry.Key is not string name || entry.Value is not Tensor tensor)
            {
                foreach (var t in result.Values) t.Dispose();
                throw new WeightsFileException(path, $"holds '{entry.Key}' of type {entry.Value?.GetType().Name ?? "null"}; a state_dict maps names to tensors.");
            }
            result[name] = tensor.DetachFromDisposeScope();
        }
        return result;
    }

    // Every entry's data against the CRC-32 the archive records for it: ZipArchive does not check a stored
    // entry's (torch.save stores them), and a flipped bit in a tensor's bytes would otherwise load as a weight.
    private static void CheckEntries(string path, ZipArchive archive)
    {
        foreach (var entry in archive.Entries)
        {
            uint crc;
            try
            {
                using var data = entry.Open();
                crc = Crc32.Of(data);
            }
            catch (InvalidDataException e)
            {
                throw new WeightsFileException(path, $"entry '{entry.FullName}' is damaged: {e.Message}", e);
            }
            if (crc != entry.Crc32)
                throw new WeightsFileException(path,
                    $"entry '{entry.FullName}' is damaged: its data has CRC-32 {crc:x8}, the archive records {entry.Crc32:x8}; the file changed after it was written (copy it again, or save it again with torch.save).");
        }
    }

    private static void CheckGlobals(string path, byte[] file)
    {
        byte[] pickle;
        try
        {
            using var archive = new ZipArchive(new MemoryStream(file, writable: false), ZipArchiveMode.Read);
            CheckEntries(path, archive);
            // PyBridge unpickles the first entry named *data.pkl; the check must see the same one.
            var entries = archive.Entries.Where(e => e.Name.EndsWith("data.pkl", StringComparison.Ordinal)).ToList();
            if (entries.Count != 1)
                throw new WeightsFileException(path, $"has {entries.Count} data.pkl entries; a torch.save file has exactly one.");
            using var stream = entries[0].Open();
            using var copy = new MemoryStream();
            stream.CopyTo(copy);
            pickle = copy.ToArray();
        }
        catch (InvalidDataException e)
        {
            throw new WeightsFileException(path, $"is not a zip archive as torch.save writes (files from torch.save before PyTorch 1.6 are not read; re-save them): {e.Message}", e);
        }

        IReadOnlyList<string> globals;
        try
        {
            globals = PickleGlobals.In(pickle);
        }
        catch (InvalidDataException e)
        {
            throw new WeightsFileException(path, $"cannot be checked: {e.Message}", e);
        }
        foreach (var global in globals)
        {
            if (AllowedGlobals.Contains(global)) continue;
            var hint = global == "torch._utils._rebuild_parameter" || !global.StartsWith("torch.", StringComparison.Ordinal)
                ? " It looks like a whole model or other Python objects were saved; save model.state_dict() instead."
                : "";
            throw new WeightsFileException(path,
                $"refused: its pickle names the global '{global}', which a state_dict of tensors does not need.{hint} Allowed: {string.Join(", ", AllowedGlobals)}.");
        }
    }
}
