using RnnLab.Torch.Interop;

namespace RnnLab.Torch;

public static partial class torch
{
    /// <summary>
    /// A handle to a libtorch tensor. Disposing it (directly, or through the <see cref="DisposeScope"/>
    /// that was current when it was created) releases the native memory at once; a tensor nobody
    /// disposes is released by its finalizer, which only drops a reference count and so is safe on the
    /// finalizer thread.
    /// </summary>
    public partial class Tensor : IDisposable
    {
        private static long _liveCount;
        private IntPtr _handle;

        internal static long LiveCount => Interlocked.Read(ref _liveCount);

        /// <summary>Takes ownership of a native handle and joins the current dispose scope.</summary>
        internal Tensor(IntPtr handle) : this(handle, joinScope: true) { }

        private protected Tensor(IntPtr handle, bool joinScope)
        {
            if (handle == IntPtr.Zero) throw new ArgumentException("null tensor handle", nameof(handle));
            _handle = handle;
            Interlocked.Increment(ref _liveCount);
            if (joinScope) DisposeScope.Current?.Attach(this);
        }

        /// <summary>The dispose scope that will dispose this tensor, if any.</summary>
        public DisposeScope? OwningScope { get; internal set; }

        /// <summary>The native handle; throws when the tensor was disposed.</summary>
        internal IntPtr Handle =>
            _handle != IntPtr.Zero ? _handle : throw new ObjectDisposedException(nameof(Tensor), "The tensor was disposed.");

        /// <summary>Whether the native tensor was released.</summary>
        public bool IsInvalid => _handle == IntPtr.Zero;

        /// <summary>Releases the native tensor now and leaves its dispose scope.</summary>
        public void Dispose()
        {
            OwningScope?.Forget(this);
            Release();
            GC.SuppressFinalize(this);
        }

        /// <summary>Finalizer: releases the native tensor if nobody disposed it.</summary>
        ~Tensor() => Release();

        private void Release()
        {
            var h = Interlocked.Exchange(ref _handle, IntPtr.Zero);
            if (h == IntPtr.Zero) return;
            NativeMethods.rl_tensor_free(h);
            Interlocked.Decrement(ref _liveCount);
        }

        /// <summary>Moves this tensor to the scope outside its current one (or out of all scopes).</summary>
        public Tensor MoveToOuterDisposeScope()
        {
            OwningScope?.MoveToOuter(this);
            return this;
        }

        /// <summary>Takes this tensor out of every dispose scope: the caller now disposes it.</summary>
        public Tensor DetachFromDisposeScope()
        {
            OwningScope?.Forget(this);
            return this;
        }

        /// <summary>"float32[2, 3]" (with "cuda:0" when not on the CPU), for messages.</summary>
        public string Describe()
        {
            if (IsInvalid) return "<disposed tensor>";
            var d = device;
            return $"{dtype.Name()}[{string.Join(", ", shape)}]" + (d.type == DeviceType.CPU ? "" : "@" + d);
        }

        /// <inheritdoc />
        public override string ToString() => "Tensor " + Describe();
    }
}
