using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace RnnLab.Cli.Tests.Slurm;

/// <summary>
/// A throw-away one-node Slurm cluster from Debian's packages (munge, slurmctld, slurmd), every file of it
/// in a temporary folder and nothing system-wide used: its own munge key and socket, its own slurm.conf
/// (which clients find through SLURM_CONF), free ports. The daemons run in the foreground as children of
/// the test and are stopped on Dispose, after the jobs left are cancelled (a running job outlives its
/// daemons). Requeued jobs are held for cred_expire + 1 s before they run again: 5 s here, Slurm's minimum.
/// MaxArraySize is 5 (array indices 0 to 4), so that a test's larger stage is split as on a real cluster.
/// Where Slurm is not installed or cannot start, the constructor throws, saying why: the test fails, it
/// never passes without a cluster.
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class SlurmCluster : IDisposable
{
    private static readonly string[] Programs = ["munged", "slurmctld", "slurmd", "sbatch", "squeue", "scontrol", "scancel", "sinfo"];
    private readonly List<Process> _daemons = [];

    /// <summary>The cluster's folder (slurm.conf, munge, state, logs).</summary>
    public string Folder { get; } = Directory.CreateTempSubdirectory("rnnlab-slurm-").FullName;

    /// <summary>The cluster's slurm.conf: clients reach this cluster when SLURM_CONF names it.</summary>
    public string Config => Path.Combine(Folder, "slurm.conf");

    public SlurmCluster()
    {
        var missing = Programs.Where(p => Which(p) is null).ToList();
        if (missing.Count > 0)
            throw new InvalidOperationException($"Slurm is not installed: {string.Join(", ", missing)} not on PATH. './rnnlab test' installs Debian's munge, slurmctld, slurmd and slurm-client; without them the Slurm tests cannot run.");
        if (Environment.UserName != "root")
            throw new InvalidOperationException("the Slurm test cluster runs slurmd, which needs root; run the tests as root (as CI does).");
        try
        {
            Start();
        }
        catch
        {
            Dispose();
            throw;
        }
    }

    private void Start()
    {
        // munged wants its folder reachable by all and its key readable by its owner alone.
        File.SetUnixFileMode(Folder, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute | UnixFileMode.GroupRead | UnixFileMode.GroupExecute |
            UnixFileMode.OtherRead | UnixFileMode.OtherExecute);
        var munge = Directory.CreateDirectory(Path.Combine(Folder, "munge")).FullName;
        File.SetUnixFileMode(munge, File.GetUnixFileMode(Folder));
        foreach (var d in new[] { "state", "spool", "log", "run" }) Directory.CreateDirectory(Path.Combine(Folder, d));
        var key = Path.Combine(munge, "munge.key");
        File.WriteAllBytes(key, System.Security.Cryptography.RandomNumberGenerator.GetBytes(1024));
        File.SetUnixFileMode(key, UnixFileMode.UserRead);
        File.WriteAllText(Path.Combine(Folder, "plugstack.conf"), "");

        var host = Run("hostname", "-s").Trim();
        var (controllerPort, nodePort) = (FreePort(), FreePort());
        File.WriteAllText(Config, string.Create(CultureInfo.InvariantCulture, $"""
            ClusterName=rnnlabtest
            SlurmctldHost={host}(127.0.0.1)
            SlurmctldPort={controllerPort}
            SlurmdPort={nodePort}
            SlurmUser=root
            SlurmdUser=root
            AuthType=auth/munge
            CredType=cred/munge
            AuthInfo=socket={munge}/munge.sock,cred_expire=5
            StateSaveLocation={Folder}/state
            SlurmdSpoolDir={Folder}/spool
            SlurmctldPidFile={Folder}/run/slurmctld.pid
            SlurmdPidFile={Folder}/run/slurmd.pid
            SlurmctldLogFile={Folder}/log/slurmctld.log
            SlurmdLogFile={Folder}/log/slurmd.log
            PlugStackConfig={Folder}/plugstack.conf
            MailProg=/bin/true
            ProctrackType=proctrack/linuxproc
            TaskPlugin=task/none
            SelectType=select/cons_tres
            SelectTypeParameters=CR_CPU
            SchedulerType=sched/builtin
            SchedulerParameters=sched_interval=1
            MpiDefault=none
            JobAcctGatherType=jobacct_gather/none
            AccountingStorageType=accounting_storage/none
            JobCompType=jobcomp/none
            ReturnToService=2
            MinJobAge=300
            KillWait=30
            SlurmctldTimeout=10
            SlurmdTimeout=30
            InactiveLimit=0
            Waittime=0
            MaxArraySize=5
            NodeName={host} NodeAddr=127.0.0.1 CPUs={Environment.ProcessorCount} State=UNKNOWN
            PartitionName=test Nodes=ALL Default=YES MaxTime=INFINITE State=UP

            """));

        Daemon("munged", "-F", $"--key-file={key}", $"--socket={munge}/munge.sock", $"--pid-file={munge}/munged.pid", $"--log-file={munge}/munged.log",
            $"--seed-file={munge}/munged.seed");
        WaitFor(() => File.Exists(Path.Combine(munge, "munge.sock")), "munged to open its socket");
        Daemon("slurmctld", "-D", "-c", "-i");
        Daemon("slurmd", "-D");
        WaitFor(() => Try("sinfo", "--noheader", "--format=%T")?.Trim() == "idle", "the node to be idle in sinfo");
    }

    /// <summary>Starts a process with SLURM_CONF set to this cluster's config (a client command, or rnnlab itself).</summary>
    public ProcessStartInfo StartInfo(string program, params string[] args)
    {
        var info = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in args) info.ArgumentList.Add(a);
        info.Environment["SLURM_CONF"] = Config;
        return info;
    }

    /// <summary>
    /// Starts rnnlab (this build) against the cluster in workingDirectory, as a user types it there; Printed
    /// collects its output and error lines as they come.
    /// </summary>
    public RnnLabProcess StartRnnLab(string workingDirectory, params string[] args)
    {
        var info = StartInfo("dotnet", [Path.Combine(AppContext.BaseDirectory, "RnnLab.Cli.dll"), .. args]);
        info.WorkingDirectory = workingDirectory;
        var process = Process.Start(info)!;
        var printed = new System.Text.StringBuilder();
        process.OutputDataReceived += (_, e) => { lock (printed) printed.AppendLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { lock (printed) printed.AppendLine(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return new RnnLabProcess(process, printed);
    }

    /// <summary>Runs a command against this cluster; throws with its error output unless it succeeds.</summary>
    public string Run(string program, params string[] args)
    {
        using var p = Process.Start(StartInfo(program, args))!;
        var error = p.StandardError.ReadToEndAsync();
        var output = p.StandardOutput.ReadToEnd();
        p.WaitForExit();
        if (p.ExitCode != 0) throw new InvalidOperationException($"{program} {string.Join(' ', args)} failed (exit {p.ExitCode}): {error.Result}{Logs()}");
        return output;
    }

    private string? Try(string program, params string[] args)
    {
        try
        {
            return Run(program, args);
        }
        catch (InvalidOperationException)
        {
            return null;
        }
    }

    private void Daemon(string program, params string[] args)
    {
        var p = Process.Start(StartInfo(program, args))!;
        p.OutputDataReceived += (_, _) => { };
        p.ErrorDataReceived += (_, _) => { };
        p.BeginOutputReadLine();
        p.BeginErrorReadLine();
        _daemons.Add(p);
    }

    private void WaitFor(Func<bool> ready, string what)
    {
        var clock = Stopwatch.StartNew();
        while (!ready())
        {
            if (_daemons.FirstOrDefault(d => d.HasExited) is { } dead)
                throw new InvalidOperationException($"{dead.StartInfo.FileName} exited ({dead.ExitCode}) while waiting for {what}.{Logs()}");
            if (clock.Elapsed > TimeSpan.FromSeconds(60)) throw new InvalidOperationException($"timed out after 60 s waiting for {what}.{Logs()}");
            Thread.Sleep(100);
        }
    }

    /// <summary>The daemons' logs, for a failure message.</summary>
    public string Logs()
    {
        var logs = new[] { "log/slurmctld.log", "log/slurmd.log", "munge/munged.log" }.Select(f => Path.Combine(Folder, f)).Where(File.Exists);
        return string.Concat(logs.Select(f => $"\n--- {f} (last lines)\n" + string.Join('\n', File.ReadLines(f).TakeLast(15))));
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static string? Which(string program) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':').Concat(["/usr/sbin", "/sbin"]).Select(d => Path.Combine(d, program)).FirstOrDefault(File.Exists);

    /// <summary>Cancels what is left of the jobs, stops the daemons, and removes the folder.</summary>
    public void Dispose()
    {
        if (_daemons.Count >= 3 && !_daemons[1].HasExited)
        {
            Try("scancel", "--full", "--user=root");
            var clock = Stopwatch.StartNew();
            while (clock.Elapsed < TimeSpan.FromSeconds(40) && Try("squeue", "--noheader", "--format=%i") is { Length: > 0 }) Thread.Sleep(200);
        }
        foreach (var daemon in Enumerable.Reverse(_daemons))
        {
            if (!daemon.HasExited)
            {
                daemon.Kill();   // SIGTERM would do for slurmctld and slurmd; SIGKILL is sure, and their state goes with the folder
                daemon.WaitForExit(10_000);
            }
            daemon.Dispose();
        }
        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}

/// <summary>An rnnlab process started against the cluster, and what it has printed so far.</summary>
public sealed class RnnLabProcess(Process process, System.Text.StringBuilder printed) : IDisposable
{
    /// <summary>The process.</summary>
    public Process Process { get; } = process;

    /// <summary>Its output and error lines so far.</summary>
    public string Printed
    {
        get
        {
            lock (printed) return printed.ToString();
        }
    }

    public void Dispose() => Process.Dispose();
}
