namespace RnnLab.Torch;

public static partial class torch
{
    public partial class Tensor
    {
        /// <summary>
        /// Python-style indexing: <c>x[0]</c>, <c>x[.., 1]</c>, <c>x[1..3, TensorIndex.None]</c>.
        /// Reading gives a view (except for tensor positions, which copy); assigning copies the value
        /// into the indexed view, broadcasting it.
        /// </summary>
        public Tensor this[params TensorIndex[] indices]
        {
            get => Index(indices);
            set
            {
                using var view = Index(indices);
                if (view.StorageId != StorageId)
                    throw new InvalidOperationException("Assignment through tensor positions is not supported; index with positions, slices and ranges.");
                view.copy_(value);
            }
        }

        private Tensor Index(TensorIndex[] indices)
        {
            var ellipses = indices.Count(i => i.Kind == TensorIndex.IndexKind.Ellipsis);
            if (ellipses > 1) throw new ArgumentException("An index can hold at most one ellipsis.", nameof(indices));
            var consuming = indices.Count(i => i.Kind is TensorIndex.IndexKind.Single or TensorIndex.IndexKind.Slice or TensorIndex.IndexKind.Tensor);
            var rank = dim();
            if (consuming > rank)
                throw new ArgumentException($"Too many indices ({consuming}) for {Describe()}.", nameof(indices));

            // Intermediate views are disposed as we go; only the final result is returned.
            Tensor current = alias();
            long d = 0;
            foreach (var index in indices)
            {
                Tensor next;
                switch (index.Kind)
                {
                    case TensorIndex.IndexKind.Single:
                        next = current.select(d, index.Index);
                        break;
                    case TensorIndex.IndexKind.Slice:
                        var size = current.size(d);
                        var start = Math.Clamp(index.ResolveStart(size), 0, size);
                        var stop = Math.Clamp(index.ResolveStop(size), start, size);
                        next = current.slice(d, start, stop, index.Step);
                        d++;
                        break;
                    case TensorIndex.IndexKind.Tensor:
                        next = current.index_select(d, index.Positions!);
                        d++;
                        break;
                    case TensorIndex.IndexKind.None:
                        next = current.unsqueeze(d);
                        d++;
                        break;
                    default: // ellipsis: skip the dimensions the remaining indices do not consume
                        d += rank - consuming;
                        continue;
                }
                current.Dispose();
                current = next;
            }
            return current;
        }
    }
}
