namespace RnnLab.Torch;

public static partial class torch
{
    /// <summary>Opens a dispose scope on this thread: tensors created until it is disposed belong to it.</summary>
    public static DisposeScope NewDisposeScope() => DisposeScope.Open();

    /// <summary>
    /// Collects the tensors created on this thread while it is the innermost open scope and disposes
    /// them all when it is disposed, except those moved out with
    /// <see cref="Tensor.MoveToOuterDisposeScope"/> or <see cref="Tensor.DetachFromDisposeScope"/>.
    /// Scopes nest and must be disposed innermost first (a <c>using</c> block does that).
    /// </summary>
    public sealed class DisposeScope : IDisposable
    {
        [ThreadStatic] private static DisposeScope? _current;

        private readonly HashSet<Tensor> _tensors = new(ReferenceEqualityComparer.Instance);
        private readonly Thread _thread = Thread.CurrentThread;
        private bool _disposed;

        private DisposeScope(DisposeScope? outer) => Outer = outer;

        internal static DisposeScope? Current => _current;

        /// <summary>The scope that was current when this one opened.</summary>
        public DisposeScope? Outer { get; }

        /// <summary>How many tensors this scope will dispose.</summary>
        public int Count => _tensors.Count;

        internal static DisposeScope Open() => _current = new DisposeScope(_current);

        internal void Attach(Tensor tensor)
        {
            _tensors.Add(tensor);
            tensor.OwningScope = this;
        }

        internal void Forget(Tensor tensor)
        {
            _tensors.Remove(tensor);
            tensor.OwningScope = null;
        }

        internal void MoveToOuter(Tensor tensor)
        {
            Forget(tensor);
            Outer?.Attach(tensor);
        }

        /// <summary>Adds tensors created elsewhere to this scope, so it disposes them too.</summary>
        public T Include<T>(T tensor) where T : Tensor
        {
            tensor.OwningScope?.Forget(tensor);
            Attach(tensor);
            return tensor;
        }

        /// <summary>Disposes every tensor still owned and makes the outer scope current again.</summary>
        public void Dispose()
        {
            if (_disposed) return;
            if (Thread.CurrentThread != _thread)
                throw new InvalidOperationException("A dispose scope must be disposed on the thread that opened it.");
            if (_current != this)
                throw new InvalidOperationException("Dispose scopes must be disposed innermost first.");
            _disposed = true;
            _current = Outer;
            foreach (var t in _tensors)
            {
                t.OwningScope = null;
                t.Dispose();
            }
            _tensors.Clear();
        }
    }
}
