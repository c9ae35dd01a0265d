using RnnLab.Experiments;
using RnnLab.Interop;
using RnnLab.Safetensors;

namespace RnnLab.Cli.Commands;

/// <summary>
/// `rnnlab export`: writes a run's weights for Python users, one file per network, as a PyTorch
/// state_dict (<c>torch.load</c>) or a safetensors file (<c>safetensors.torch.load_file</c>). The names
/// are RateRnn's (W_rec, W_in, b, W_out, mask, ...), the same <c>train --init</c> takes back.
/// </summary>
public sealed class ExportCommand : ICommand
{
    private const string Usage =
        "usage: ./rnnlab export <run> --format pytorch|safetensors [--snapshot final|init] [--out DIR] [--force]\n" +
        "  --format    pytorch: a state_dict file for torch.load (.pt); safetensors: for safetensors.torch.load_file\n" +
        "  --snapshot  the trained (final, default) or the untrained (init) weights\n" +
        "  --out DIR   where the files go (default: <run>/export); one file per network: model.pt, or seed-<k>.pt for --seeds runs\n" +
        "  --force     replace files already there (otherwise an existing file stops the export before anything is written)";

    /// <inheritdoc />
    public string Name => "export";

    /// <inheritdoc />
    public string Summary => "write a run's weights for PyTorch users (state_dict .pt or safetensors)";

    /// <inheritdoc />
    public int Run(string[] args)
    {
        if (args.Length == 0 || args[0] is "-h" or "--help")
        {
            Console.WriteLine(Usage);
            return args.Length == 0 ? 2 : 0;
        }
        string? format = null, output = null;
        var snapshot = "final";
        var force = false;
        for (var i = 1; i < args.Length; i++)
        {
            string Value() => i + 1 < args.Length ? args[++i] : throw new UsageException($"{args[i]} needs a value.");
            switch (args[i])
            {
                case "--format": format = Value(); break;
                case "--snapshot": snapshot = Value(); break;
                case "--out": output = Value(); break;
                case "--force": force = true; break;
                default: throw new UsageException($"unknown option '{args[i]}'; allowed: --format pytorch|safetensors, --snapshot final|init, --out DIR, --force.");
            }
        }
        var extension = format switch
        {
            "pytorch" => ".pt",
            "safetensors" => ".safetensors",
            null => throw new UsageException("--format is required; allowed: pytorch, safetensors."),
            _ => throw new UsageException($"--format '{format}' is not allowed; allowed: pytorch, safetensors."),
        };
        if (snapshot is not ("final" or "init")) throw new UsageException($"--snapshot '{snapshot}' is not allowed; allowed: final, init.");

        var run = RunDirectory.Open(args[0]);
        var folder = output ?? Path.Combine(run.Path, "export");
        var files = run.Networks.Select(network =>
        {
            var source = snapshot == "final" ? network.FinalModel : network.InitialModel;
            if (!File.Exists(source))
                throw new IOException(snapshot == "final"
                    ? $"{network.Path}: has no final weights ({source}); training has not finished: continue it with './rnnlab resume {run.Path}', or export --snapshot init."
                    : $"{network.Path}: has no initial weights ({source}); the network never started.");
            var name = (run.Seeds is null ? "model" : $"seed-{network.Index}") + (snapshot == "init" ? ".init" : "") + extension;
            return (source, target: Path.Combine(folder, name));
        }).ToList();
        // Every target is checked before the first is written, so a refused export writes nothing.
        if (!force && files.FirstOrDefault(f => File.Exists(f.target)) is { target: not null } existing)
            throw new IOException($"{existing.target}: already exists; pass --force to replace it, or choose another --out DIR.");

        foreach (var (source, target) in files)
        {
            using var content = SafetensorsFile.Load(source, requireChecksum: true);
            if (format == "pytorch")
            {
                PyTorchStateDict.Save(target, content.Tensors);
            }
            else
            {
                SafetensorsFile.Save(target, content.Tensors, content.Metadata.Where(kv => kv.Key != SafetensorsFile.ChecksumKey).ToDictionary());
            }
            Console.WriteLine($"{source} -> {target}");
        }
        Console.WriteLine(format == "pytorch"
            ? "load in Python with: torch.load(path) (a dict of tensors named W_rec, W_in, b, W_out, mask, ...)"
            : "load in Python with: safetensors.torch.load_file(path)");
        return 0;
    }
}
