"""Reads a torch.save state_dict file with the Python standard library only, as torch.load would, and
prints {name: {"dtype", "shape", "values"}} as JSON. It is the tests' independent reader of the files
RnnLab exports: CPython's own pickle and zipfile, not the C# code that wrote them.

    python3 read_state_dict.py FILE
"""
import array
import collections
import json
import pickle
import sys
import zipfile

STORAGES = {"FloatStorage": ("f", "float32"), "DoubleStorage": ("d", "float64"), "LongStorage": ("q", "int64")}


def rebuild_tensor_v2(storage, offset, size, stride, requires_grad=False, hooks=None, metadata=None):
    dtype, values = storage
    flat = []

    def walk(dim, base):
        if dim == len(size):
            flat.append(values[base])
            return
        for i in range(size[dim]):
            walk(dim + 1, base + i * stride[dim])

    walk(0, offset)
    return {"dtype": dtype, "shape": list(size), "values": flat}


class StateDictUnpickler(pickle.Unpickler):
    def __init__(self, file, archive, prefix):
        super().__init__(file)
        self.archive = archive
        self.prefix = prefix

    def find_class(self, module, name):
        if (module, name) == ("collections", "OrderedDict"):
            return collections.OrderedDict
        if (module, name) == ("torch._utils", "_rebuild_tensor_v2"):
            return rebuild_tensor_v2
        if module == "torch" and name in STORAGES:
            return name
        raise pickle.UnpicklingError(f"global {module}.{name} is not part of a state_dict")

    def persistent_load(self, pid):
        kind, storage, key, location, numel = pid
        assert kind == "storage", pid
        code, dtype = STORAGES[storage]
        values = array.array(code)
        values.frombytes(self.archive.read(f"{self.prefix}/data/{key}"))
        assert len(values) == numel, (len(values), numel)
        return dtype, values.tolist()


with zipfile.ZipFile(sys.argv[1]) as archive:
    pkl = next(n for n in archive.namelist() if n.endswith("/data.pkl"))
    prefix = pkl[: -len("/data.pkl")]
    with archive.open(pkl) as f:
        state = StateDictUnpickler(f, archive, prefix).load()
json.dump(state, sys.stdout)
