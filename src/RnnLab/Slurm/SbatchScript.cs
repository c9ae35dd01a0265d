using System.Globalization;
using System.Text;

namespace RnnLab.Slurm;

/// <summary>
/// The batch script of a sweep's job array. It holds no value of the sweep beyond the validated Slurm
/// settings (DESIGN §7): each task runs the task command in the sweep directory (sbatch is started there,
/// and a job runs where it was submitted), which finds its network by SLURM_ARRAY_TASK_ID and reads the
/// rest from the sweep's files. The command is quoted for the shell. `exec` makes it the batch shell
/// itself, so `--signal=B:TERM@60` and a preemption's SIGTERM reach it: it checkpoints and exits 143, and
/// `--requeue` lets Slurm run the task again, which resumes from that checkpoint.
/// </summary>
public static class SbatchScript
{
    /// <summary>Where the script goes, in the sweep's slurm folder.</summary>
    public const string FileName = "sweep.sbatch";

    /// <summary>
    /// The script; taskCommand is what each array task runs (the program that trains the task's network, and
    /// its arguments). log names each task's log, slurm/LOG-INDEX.log; what says what an array task is.
    /// </summary>
    public static string Text(SlurmOptions options, IReadOnlyList<string> taskCommand, string jobName, string log = "task",
        string what = "One task per network of an RnnLab sweep (the array index is the network's task in index.json)")
    {
        if (log.Any(c => !(char.IsAsciiLetterOrDigit(c) || c is '_' or '-'))) throw new ArgumentException($"log name '{log}' has characters a script must not hold.", nameof(log));
        var s = new StringBuilder();
        s.Append("#!/bin/bash\n");
        s.Append("# ").Append(what.ReplaceLineEndings(" ")).Append(",\n");
        s.Append("# submitted from the sweep directory with --array=<tasks to run>.\n");
        if (jobName.Any(c => !(char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-'))) throw new ArgumentException($"job name '{jobName}' has characters a script must not hold; use JobName().", nameof(jobName));
        s.Append(CultureInfo.InvariantCulture, $"#SBATCH --job-name={jobName}\n");
        s.Append("#SBATCH --requeue\n");
        s.Append("#SBATCH --signal=B:TERM@60\n");
        s.Append("#SBATCH --open-mode=append\n");
        s.Append(CultureInfo.InvariantCulture, $"#SBATCH --output=slurm/{log}-%a.log\n");
        s.Append(CultureInfo.InvariantCulture, $"#SBATCH --cpus-per-task={options.CpusPerTask}\n");
        if (options.MemoryMB > 0) s.Append(CultureInfo.InvariantCulture, $"#SBATCH --mem={options.MemoryMB}\n");
        if (options.Partition.Length > 0) s.Append(CultureInfo.InvariantCulture, $"#SBATCH --partition={options.Partition}\n");
        if (options.Account.Length > 0) s.Append(CultureInfo.InvariantCulture, $"#SBATCH --account={options.Account}\n");
        if (options.Qos.Length > 0) s.Append(CultureInfo.InvariantCulture, $"#SBATCH --qos={options.Qos}\n");
        if (options.TimeLimit.Length > 0) s.Append(CultureInfo.InvariantCulture, $"#SBATCH --time={options.TimeLimit}\n");
        s.Append("set -eu\n");
        s.Append("echo \"array task $SLURM_ARRAY_TASK_ID on $(hostname) (start ${SLURM_RESTART_COUNT:-0})\"\n");
        s.Append("# The time loop's lanes on the cores Slurm gave the task; the numbers do not depend on how many.\n");
        s.Append("export RNNLAB_KERNEL_THREADS=\"${SLURM_CPUS_PER_TASK:-1}\"\n");
        s.Append("exec ").Append(string.Join(' ', taskCommand.Select(ShellQuote.Of))).Append('\n');
        return s.ToString();
    }

    /// <summary>The job's name from the sweep directory's name, kept to letters, digits and . _ - (it goes into the script).</summary>
    public static string JobName(string sweepFolder) =>
        "rnnlab-" + new string(sweepFolder.Select(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-' ? c : '_').ToArray());

    /// <summary>Slurm's --array list for the tasks: runs of consecutive indices as ranges ("0-3,5,7-9").</summary>
    public static string ArrayList(IReadOnlyList<int> tasks)
    {
        var sorted = tasks.Distinct().Order().ToList();
        var parts = new List<string>();
        for (var i = 0; i < sorted.Count;)
        {
            var j = i;
            while (j + 1 < sorted.Count && sorted[j + 1] == sorted[j] + 1) j++;
            parts.Add(i == j ? sorted[i].ToString(CultureInfo.InvariantCulture) : string.Create(CultureInfo.InvariantCulture, $"{sorted[i]}-{sorted[j]}"));
            i = j + 1;
        }
        return string.Join(',', parts);
    }
}
