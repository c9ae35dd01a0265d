namespace RnnLab.Torch;

/// <summary>Kinds of device; the values are libtorch's c10::DeviceType codes.</summary>
public enum DeviceType
{
    /// <summary>The host processor.</summary>
    CPU = 0,
    /// <summary>An NVIDIA GPU (needs a CUDA build of libtorch).</summary>
    CUDA = 1,
}
