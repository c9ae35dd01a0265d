using System.Diagnostics;
using System.Globalization;

namespace RnnLab.Slurm;

/// <summary>
/// Slurm's own commands (sbatch, squeue), run as processes with their arguments passed as a list, never
/// through a shell. Which cluster they talk to is theirs to decide (SLURM_CONF, the default slurm.conf).
/// </summary>
public sealed class SlurmClient
{
    /// <summary>
    /// Submits a batch script as a job array of the given tasks, from workingDirectory; returns the job id.
    /// afterOk: jobs every task of which must end well before this array starts; should one fail, Slurm
    /// cancels this array rather than leave it pending for ever.
    /// </summary>
    public string SubmitArray(string script, IReadOnlyList<int> tasks, string workingDirectory, IReadOnlyList<string>? afterOk = null)
    {
        List<string> args = ["--parsable", $"--array={SbatchScript.ArrayList(tasks)}"];
        if (afterOk is { Count: > 0 }) args.AddRange([$"--dependency=afterok:{string.Join(':', afterOk)}", "--kill-on-invalid-dep=yes"]);
        args.Add(script);
        var (code, output, error) = Run("sbatch", args, workingDirectory);
        if (code != 0) throw new IOException($"sbatch failed (exit {code}): {FirstLine(error, output)}");
        var id = output.Trim().Split(';')[0];
        if (id.Length == 0 || !id.All(char.IsAsciiDigit)) throw new IOException($"sbatch printed '{output.Trim()}', not a job id.");
        return id;
    }

    /// <summary>
    /// The state of each array task of the jobs that Slurm still knows (pending, running, and finished ones
    /// for MinJobAge seconds after they end), by array index; a later job's task wins over an earlier one's.
    /// </summary>
    public IReadOnlyDictionary<int, string> TaskStates(IReadOnlyList<string> jobIds)
    {
        var states = new Dictionary<int, string>();
        foreach (var job in jobIds)
            foreach (var (task, state) in TryTaskStates(job) ?? new Dictionary<int, string>())   // a job Slurm no longer knows: the files tell the rest
                states[task] = state;
        return states;
    }

    /// <summary>
    /// The states of one job's array tasks: empty when Slurm no longer knows the job (it ended more than
    /// MinJobAge ago), null when squeue failed otherwise (the controller did not answer).
    /// </summary>
    public IReadOnlyDictionary<int, string>? TryTaskStates(string jobId)
    {
        var (code, output, error) = Run("squeue", ["--noheader", "--array", "--states=all", $"--jobs={jobId}", "--format=%i %T"], null);
        if (code != 0) return error.Contains("Invalid job id", StringComparison.OrdinalIgnoreCase) ? new Dictionary<int, string>() : null;
        var states = new Dictionary<int, string>();
        foreach (var line in output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var parts = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (parts.Length != 2) continue;
            var id = parts[0].Split('_');
            if (id.Length == 2 && id[0] == jobId && int.TryParse(id[1], NumberStyles.None, CultureInfo.InvariantCulture, out var task))
                states[task] = parts[1];
        }
        return states;
    }

    /// <summary>The cluster's MaxArraySize (array indices run below it); Slurm's default, 1001, when it cannot be read.</summary>
    public int MaxArraySize()
    {
        var (code, output, _) = Run("scontrol", ["show", "config"], null);
        if (code == 0)
            foreach (var line in output.Split('\n'))
                if (line.TrimStart().StartsWith("MaxArraySize", StringComparison.Ordinal) && int.TryParse(line.Split('=').Last().Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var n))
                    return n;
        return 1001;
    }

    private static string FirstLine(string error, string output) =>
        (error.Trim().Length > 0 ? error : output).Trim().Split('\n')[0];

    private static (int Code, string Output, string Error) Run(string program, IReadOnlyList<string> args, string? workingDirectory)
    {
        var info = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in args) info.ArgumentList.Add(a);
        if (workingDirectory is not null) info.WorkingDirectory = workingDirectory;
        Process process;
        try
        {
            process = Process.Start(info)!;
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new IOException($"{program} could not be started ({e.Message}); is Slurm's client (slurm-client) installed and on PATH?", e);
        }
        using (process)
        {
            var error = process.StandardError.ReadToEndAsync();
            var output = process.StandardOutput.ReadToEnd();
            process.WaitForExit();
            return (process.ExitCode, output, error.Result);
        }
    }
}
