#!/usr/bin/env python3
"""Checks RnnLab's native shim against another libtorch and another device, from Python.

Usage: python3 bench/device_check.py LIBRNNLAB_TORCH_SO [SAFETENSORS_FILE ...]

1. Loads librnnlab_torch.so (built against this machine's libtorch, e.g. a CUDA build: cmake with
   -DCMAKE_PREFIX_PATH=$(python3 -c 'import torch; print(torch.utils.cmake_prefix_path)')) and runs
   the fused rate-RNN kernel forward and backward on the CPU and, when CUDA is available, on the GPU,
   for every activation, comparing the two (float64).
2. Reads each RnnLab safetensors file with Python's safetensors (when installed) and compares every
   tensor with a reading of the raw format done here.
"""
import ctypes
import json
import struct
import sys

import numpy as np

F64, CPU, CUDA = 7, 0, 1


def load(path):
    lib = ctypes.CDLL(path)
    vp, i64, i32, dbl = ctypes.c_void_p, ctypes.c_int64, ctypes.c_int, ctypes.c_double
    for name in ["rl_randn", "rl_rand", "rl_to_device", "rl_rate_rnn_loop", "rl_mul", "rl_sum", "rl_detach", "rl_generator_new"]:
        getattr(lib, name).restype = vp
    lib.rl_last_error.restype = ctypes.c_char_p
    lib.rl_randn.argtypes = [ctypes.POINTER(i64), i64, vp, i32, i32, i32]
    lib.rl_rand.argtypes = [ctypes.POINTER(i64), i64, vp, i32, i32, i32]
    lib.rl_generator_new.argtypes = [ctypes.c_uint64, i32, i32]
    lib.rl_to_device.argtypes = [vp, i32, i32]
    lib.rl_rate_rnn_loop.argtypes = [vp, vp, vp, dbl, i32, dbl]
    lib.rl_mul.argtypes = [vp, vp]
    lib.rl_sum.argtypes = [vp]
    lib.rl_detach.argtypes = [vp]
    lib.rl_set_requires_grad.argtypes = [vp, i32]
    lib.rl_backward.argtypes = [vp, vp, i32, i32]
    lib.rl_grad.argtypes = [vp, ctypes.POINTER(vp)]
    lib.rl_numel.argtypes = [vp]
    lib.rl_numel.restype = i64
    lib.rl_copy_data.argtypes = [vp, vp, i64]
    lib.rl_cuda_is_available.restype = i32
    return lib


def ok(lib, handle):
    if not handle:
        raise RuntimeError(lib.rl_last_error().decode())
    return handle


def host(lib, t):
    out = np.empty(lib.rl_numel(t), dtype=np.float64)
    if lib.rl_copy_data(t, out.ctypes.data, out.nbytes) != 0:
        raise RuntimeError(lib.rl_last_error().decode())
    return out


def fused_check(lib):
    dims = lambda *d: (ctypes.c_int64 * len(d))(*d)
    g = ok(lib, lib.rl_generator_new(7, CPU, -1))
    t, b, n = 20, 8, 16
    w = ok(lib, lib.rl_randn(dims(n, n), 2, g, F64, CPU, -1))
    drive = ok(lib, lib.rl_randn(dims(t, b, n), 3, g, F64, CPU, -1))
    r0 = ok(lib, lib.rl_rand(dims(b, n), 2, g, F64, CPU, -1))
    seed = ok(lib, lib.rl_randn(dims(t, b, n), 3, g, F64, CPU, -1))
    devices = [CPU] + ([CUDA] if lib.rl_cuda_is_available() else [])
    print(f"devices: {['cpu', 'cuda'][:len(devices)]}")
    worst = 0.0
    for act in range(5):
        results = []
        for dev in devices:
            wd = ok(lib, lib.rl_detach(ok(lib, lib.rl_to_device(w, dev, 0 if dev else -1))))
            lib.rl_set_requires_grad(wd, 1)
            dd = ok(lib, lib.rl_to_device(drive, dev, 0 if dev else -1))
            rd = ok(lib, lib.rl_to_device(r0, dev, 0 if dev else -1))
            sd = ok(lib, lib.rl_to_device(seed, dev, 0 if dev else -1))
            rates = ok(lib, lib.rl_rate_rnn_loop(wd, dd, rd, 0.2, act, 0.3))
            loss = ok(lib, lib.rl_sum(ok(lib, lib.rl_mul(rates, sd))))
            if lib.rl_backward(loss, None, -1, 0) != 0:
                raise RuntimeError(lib.rl_last_error().decode())
            grad = ctypes.c_void_p()
            if lib.rl_grad(wd, ctypes.byref(grad)) != 1:
                raise RuntimeError("no gradient")
            results.append((host(lib, rates), host(lib, grad)))
        if len(results) == 2:
            for (a, b_) in zip(results[0], results[1]):
                worst = max(worst, float(np.max(np.abs(a - b_) / (1 + np.abs(a)))))
        print(f"activation {act}: rates and dL/dW computed on {len(results)} device(s)")
    print(f"fused kernel, cpu vs cuda, worst relative difference: {worst:.3e}" if len(devices) == 2 else "no CUDA device")
    return worst


DTYPES = {"F32": np.float32, "F64": np.float64, "I64": np.int64, "U8": np.uint8, "BOOL": np.bool_}


def raw_read(path):
    data = open(path, "rb").read()
    n = struct.unpack("<Q", data[:8])[0]
    header = json.loads(data[8:8 + n])
    body = data[8 + n:]
    out = {}
    for name, info in header.items():
        if name == "__metadata__":
            continue
        begin, end = info["data_offsets"]
        out[name] = np.frombuffer(body[begin:end], dtype=DTYPES[info["dtype"]]).reshape(info["shape"])
    return out, header.get("__metadata__", {})


def safetensors_check(path):
    try:
        from safetensors.numpy import load_file
        from safetensors import safe_open
    except ImportError:
        print(f"{path}: Python's safetensors is not installed; skipped")
        return
    theirs = load_file(path)
    ours, metadata = raw_read(path)
    assert sorted(theirs) == sorted(ours), (sorted(theirs), sorted(ours))
    for name in ours:
        assert theirs[name].dtype == ours[name].dtype and np.array_equal(theirs[name], ours[name]), name
    with safe_open(path, framework="numpy") as f:
        assert f.metadata() == metadata
    print(f"{path}: Python safetensors read {len(theirs)} tensors and the metadata; all equal to the raw reading")


def main():
    lib = load(sys.argv[1])
    fused_check(lib)
    for path in sys.argv[2:]:
        safetensors_check(path)


if __name__ == "__main__":
    main()
