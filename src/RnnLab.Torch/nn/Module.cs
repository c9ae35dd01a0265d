using System.Reflection;

namespace RnnLab.Torch;

public static partial class torch
{
    /// <summary>Neural-network building blocks.</summary>
    public static partial class nn
    {
        /// <summary>
        /// A container of named parameters, buffers and submodules, with state_dict / load_state_dict for
        /// checkpoints and a train/eval flag. Subclasses register their components by name, or call
        /// <see cref="RegisterComponents"/> to register every Parameter, Module and Tensor field.
        /// </summary>
        public abstract class Module : IDisposable
        {
            private readonly List<(string Name, Parameter Parameter)> _parameters = [];
            private readonly List<(string Name, Tensor Buffer)> _buffers = [];
            private readonly List<(string Name, Module Module)> _modules = [];

            /// <summary>Creates a module with a name for messages.</summary>
            protected Module(string name) => this.name = name;

            /// <summary>The module's name, used in messages.</summary>
            public string name { get; }

            /// <summary>Whether the module is in training mode (the default) rather than evaluation.</summary>
            public bool training { get; private set; } = true;

            /// <summary>Registers a parameter under name.</summary>
            public void register_parameter(string name, Parameter parameter)
            {
                CheckName(name);
                _parameters.Add((name, parameter));
            }

            /// <summary>Registers a non-trainable tensor that belongs to the state (a mask, say).</summary>
            public void register_buffer(string name, Tensor buffer)
            {
                CheckName(name);
                buffer.DetachFromDisposeScope();
                _buffers.Add((name, buffer));
            }

            /// <summary>Registers a submodule under name; its entries appear as "name.entry".</summary>
            public void register_module(string name, Module module)
            {
                CheckName(name);
                _modules.Add((name, module));
            }

            /// <summary>Registers every Parameter, Module and Tensor field of the subclass, by field name.</summary>
            protected void RegisterComponents()
            {
                const BindingFlags flags = BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly;
                for (var type = GetType(); type is not null && type != typeof(Module); type = type.BaseType)
                {
                    foreach (var field in type.GetFields(flags))
                    {
                        var fieldName = field.Name.TrimStart('_');
                        switch (field.GetValue(this))
                        {
                            case Parameter p: register_parameter(fieldName, p); break;
                            case Module m: register_module(fieldName, m); break;
                            case Tensor t: register_buffer(fieldName, t); break;
                        }
                    }
                }
            }

            private void CheckName(string entry)
            {
                if (string.IsNullOrWhiteSpace(entry) || entry.Contains('.'))
                    throw new ArgumentException($"'{entry}' is not a valid name in module {name}: it must be non-empty and contain no '.'.", nameof(entry));
                if (_parameters.Any(p => p.Name == entry) || _buffers.Any(b => b.Name == entry) || _modules.Any(m => m.Name == entry))
                    throw new ArgumentException($"Module {name} already has an entry named '{entry}'.", nameof(entry));
            }

            /// <summary>Parameters with their dotted names, this module's first, then each submodule's.</summary>
            public IEnumerable<(string name, Parameter parameter)> named_parameters(bool recurse = true)
            {
                foreach (var (n, p) in _parameters) yield return (n, p);
                if (!recurse) yield break;
                foreach (var (prefix, m) in _modules)
                    foreach (var (n, p) in m.named_parameters()) yield return (prefix + "." + n, p);
            }

            /// <summary>All parameters, in <see cref="named_parameters"/> order.</summary>
            public IEnumerable<Parameter> parameters(bool recurse = true) => named_parameters(recurse).Select(e => e.parameter);

            /// <summary>Buffers with their dotted names.</summary>
            public IEnumerable<(string name, Tensor buffer)> named_buffers(bool recurse = true)
            {
                foreach (var (n, b) in _buffers) yield return (n, b);
                if (!recurse) yield break;
                foreach (var (prefix, m) in _modules)
                    foreach (var (n, b) in m.named_buffers()) yield return (prefix + "." + n, b);
            }

            /// <summary>Direct submodules with their names.</summary>
            public IEnumerable<(string name, Module module)> named_children() => _modules.Select(e => (e.Name, e.Module));

            /// <summary>
            /// Parameters and buffers by dotted name. The tensors are the module's own (not copies): save
            /// them, do not dispose them.
            /// </summary>
            public Dictionary<string, Tensor> state_dict()
            {
                var result = new Dictionary<string, Tensor>();
                foreach (var (n, p) in named_parameters()) result.Add(n, p);
                foreach (var (n, b) in named_buffers()) result.Add(n, b);
                return result;
            }

            /// <summary>
            /// Copies values into the parameters and buffers, by name. With strict, a missing or unexpected
            /// key is an error; a shape mismatch always is. Nothing is copied unless every entry fits.
            /// </summary>
            public (IReadOnlyList<string> missing, IReadOnlyList<string> unexpected) load_state_dict(
                IReadOnlyDictionary<string, Tensor> source, bool strict = true)
            {
                var own = state_dict();
                var missing = own.Keys.Where(k => !source.ContainsKey(k)).ToList();
                var unexpected = source.Keys.Where(k => !own.ContainsKey(k)).ToList();
                if (strict && (missing.Count > 0 || unexpected.Count > 0))
                    throw new ArgumentException(
                        $"State does not match module {name}: missing [{string.Join(", ", missing)}], unexpected [{string.Join(", ", unexpected)}].",
                        nameof(source));
                foreach (var (key, target) in own)
                {
                    if (!source.TryGetValue(key, out var value)) continue;
                    if (!target.shape.SequenceEqual(value.shape))
                        throw new ArgumentException($"State entry '{key}' of module {name} has shape {value.Describe()}, the module expects {target.Describe()}.", nameof(source));
                }
                using (no_grad())
                {
                    foreach (var (key, target) in own)
                        if (source.TryGetValue(key, out var value)) target.copy_(value);
                }
                return (missing, unexpected);
            }

            /// <summary>Sets training mode here and in every submodule.</summary>
            public Module train(bool on = true)
            {
                training = on;
                foreach (var (_, m) in _modules) m.train(on);
                return this;
            }

            /// <summary>Sets evaluation mode (train(false)).</summary>
            public Module eval() => train(false);

            /// <summary>Clears the gradient of every parameter.</summary>
            public void zero_grad()
            {
                foreach (var p in parameters()) p.grad = null;
            }

            /// <summary>Converts every parameter and buffer in place (identities are kept, so optimizers stay valid).</summary>
            public Module to(ScalarType type) => Convert(t => t.to(type));

            /// <summary>Moves every parameter and buffer in place (identities are kept).</summary>
            public Module to(Device target) => Convert(t => t.to(target));

            private Module Convert(Func<Tensor, Tensor> conversion)
            {
                using var scope = NewDisposeScope();
                using (no_grad())
                {
                    foreach (var (_, p) in named_parameters()) p.set_data(conversion(p));
                    foreach (var (_, b) in named_buffers()) b.set_data(conversion(b));
                }
                return this;
            }

            /// <summary>Disposes all parameters, buffers and submodules.</summary>
            public void Dispose()
            {
                Dispose(true);
                GC.SuppressFinalize(this);
            }

            /// <summary>Releases the module's tensors; subclasses that own more override and call base.</summary>
            protected virtual void Dispose(bool disposing)
            {
                if (!disposing) return;
                foreach (var (_, p) in _parameters) p.Dispose();
                foreach (var (_, b) in _buffers) b.Dispose();
                foreach (var (_, m) in _modules) m.Dispose();
            }
        }

        /// <summary>A module with a typed forward pass.</summary>
        public abstract class Module<TInput, TResult> : Module
        {
            /// <summary>Creates a module with a name for messages.</summary>
            protected Module(string name) : base(name) { }

            /// <summary>The forward computation.</summary>
            public abstract TResult forward(TInput input);

            /// <summary>Runs <see cref="forward"/>.</summary>
            public TResult call(TInput input) => forward(input);
        }
    }
}
