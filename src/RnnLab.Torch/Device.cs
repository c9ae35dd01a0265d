namespace RnnLab.Torch;

public static partial class torch
{
    /// <summary>Where a tensor lives: the CPU, or a CUDA device with an index.</summary>
    public sealed record Device(DeviceType type, int index = -1)
    {
        /// <summary>Parses "cpu", "cuda" or "cuda:1".</summary>
        public static Device Parse(string description)
        {
            var parts = description.Trim().ToLowerInvariant().Split(':');
            var type = parts[0] switch
            {
                "cpu" => DeviceType.CPU,
                "cuda" => DeviceType.CUDA,
                _ => throw new ArgumentException($"Unknown device '{description}'; allowed: cpu, cuda, cuda:<index>.", nameof(description)),
            };
            if (parts.Length == 1) return new Device(type);
            if (parts.Length == 2 && int.TryParse(parts[1], out var index) && index >= 0) return new Device(type, index);
            throw new ArgumentException($"Unknown device '{description}'; allowed: cpu, cuda, cuda:<index>.", nameof(description));
        }

        /// <inheritdoc />
        public override string ToString() =>
            (type == DeviceType.CPU ? "cpu" : "cuda") + (index >= 0 ? ":" + index : "");
    }

    /// <summary>The CPU device.</summary>
    public static readonly Device CPU = new(DeviceType.CPU);

    /// <summary>The current CUDA device.</summary>
    public static readonly Device CUDA = new(DeviceType.CUDA);

    /// <summary>Parses a device description such as "cpu" or "cuda:0".</summary>
    public static Device device(string description) => Device.Parse(description);

    /// <summary>CUDA queries; everything works without CUDA, this only says whether it is there.</summary>
    public static class cuda
    {
        /// <summary>Whether the loaded libtorch was built with CUDA and a GPU is present.</summary>
        public static bool is_available() => Interop.NativeMethods.rl_cuda_is_available() != 0;

        /// <summary>Number of visible CUDA devices (0 without CUDA).</summary>
        public static long device_count() => Interop.NativeMethods.rl_cuda_device_count();
    }
}
