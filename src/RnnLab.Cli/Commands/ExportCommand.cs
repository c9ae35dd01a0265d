using System.CommandLine;
using RnnLab.Analysis;
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
    /// <inheritdoc />
    public Command Build()
    {
        var runArgument = CliOptions.Run();
        var format = new Option<string>("--format") { Description = "pytorch: a state_dict file for torch.load (.pt); safetensors: for safetensors.torch.load_file", Required = true };
        format.Validators.Add(result =>
        {
            var value = result.GetValueOrDefault<string>();
            if (value is not ("pytorch" or "safetensors")) result.AddError($"--format '{value}' is not allowed; allowed: pytorch, safetensors.");
        });
        var snapshot = CliOptions.OneOf("--snapshot", "final", "the trained or the untrained weights", "final", "init");
        var output = CliOptions.PathOption("--out", "DIR", "where the files go (default: <run>/export); one file per network: model.pt, or seed-<k>.pt for --seeds runs");
        var force = CliOptions.Flag("--force", "replace files already there (otherwise an existing file stops the export before anything is written)");
        var command = new Command("export", "write a run's weights for PyTorch users (state_dict .pt or safetensors)") { runArgument, format, snapshot, output, force };
        command.SetAction(parse => Run(parse.GetValue(runArgument)!, parse.GetValue(format)!, parse.GetValue(snapshot)!, parse.GetValue(output), parse.GetValue(force)));
        return command;
    }

    private static int Run(string path, string format, string snapshot, string? output, bool force)
    {
        var extension = format == "pytorch" ? ".pt" : ".safetensors";
        var run = RunDirectory.Open(path);
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
        using var writing = OutputLock.Export(folder);
        // Every target is checked before the first is written, so a refused export writes nothing.
        if (!force && files.FirstOrDefault(f => File.Exists(f.target)) is { target: not null } existing)
            throw new IOException($"{existing.target}: already exists; pass --force to replace it, or choose another --out DIR.");

        // Every source is read and checked against the run's config (checksum, names, shapes) before the first target is written.
        var task = run.Options.CreateTask();
        var kind = snapshot == "final" ? Snapshot.Final : Snapshot.Init;
        var contents = run.Networks.Select(network => NetworkLoader.Read(run.Options, task, network, kind)).ToList();
        foreach (var ((source, target), content) in files.Zip(contents))
        {
            using var _ = content;
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
