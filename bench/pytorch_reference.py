#!/usr/bin/env python3
"""PyTorch reference for `./rnnlab bench`: the same computations as RnnLab's benchmark scenarios.

Run by the bench verb with Debian's python3-torch (libtorch 1.13 over OpenBLAS) and PyTorch's default
threading (one intra-op thread per core), as a PyTorch user runs it; --threads N sets another count.
Prints one JSON object per scenario on stdout. Written for RnnLab; it uses torch only.

Scenarios (each training step = forward over T steps + BPTT + Adam update, relu, noise on, only W_rec
trained, masked zero diagonal):
  S1  N=128, B=64, T=100, 1 input, 1 output
  S2  N=256, B=64, T=200, 2 inputs, 1 output
  S3  ten S1 networks trained together (batched matrix products)
  FP  fixed-point search: 1024 initial states, N=128, 2000 Adam iterations on q = 1/2 |F|^2 (float64)
"""
import argparse
import json
import math
import os
import resource
import statistics
import time

import torch

TAU, DT, SIGMA = 100.0, 10.0, 0.01
ALPHA = DT / TAU
NOISE = math.sqrt(2 * SIGMA * SIGMA / ALPHA)


def blas_in_use():
    """The BLAS library torch loaded (Debian's torch takes whichever libblas.so.3 alternative is set:
    OpenBLAS is many times faster than the reference BLAS), as mapped into this process."""
    torch.ones(64, 64) @ torch.ones(64, 64)
    with open("/proc/self/maps") as maps:
        paths = {line.split()[-1] for line in maps if "blas" in line.split()[-1].lower() and "lapack" not in line}
    return ", ".join(sorted(os.path.realpath(p) for p in paths)) or "unknown"


def peak_rss_mib():
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0


def make_network(k, n, inputs, outputs, g):
    # Leading dimension k: k networks at once (k = None for a single network).
    shape = (k,) if k else ()
    w = torch.randn(*shape, n, n, generator=g) / math.sqrt(n)
    mask = 1 - torch.eye(n)
    w = (w * mask).requires_grad_(True)
    w_in = torch.randn(*shape, n, inputs, generator=g) * 0.5
    b = torch.randn(*shape, n, generator=g) * 0.5
    w_out = torch.randn(*shape, outputs, n, generator=g) / math.sqrt(n)
    return w, mask, w_in, b, w_out


def training_step(params, opt, u, y, g, k):
    w, mask, w_in, b, w_out = params
    opt.zero_grad()
    steps, batch = u.shape[0], u.shape[-2]
    n = w.shape[-1]
    w_eff = w * mask
    if k:
        drive = torch.einsum("tkbi,kni->tkbn", u, w_in) + b.unsqueeze(1)
        drive = drive + torch.randn(steps, k, batch, n, generator=g) * NOISE
        r = torch.zeros(k, batch, n)
        wt = w_eff.transpose(1, 2)
        rates = []
        for t in range(steps):
            r = (1 - ALPHA) * r + ALPHA * torch.relu(torch.baddbmm(drive[t], r, wt))
            rates.append(r)
        z = torch.einsum("tkbn,kon->tkbo", torch.stack(rates), w_out)
        loss = ((z - y) ** 2).mean(dim=(0, 2, 3)).sum()
    else:
        drive = u @ w_in.t() + b + torch.randn(steps, batch, n, generator=g) * NOISE
        r = torch.zeros(batch, n)
        wt = w_eff.t()
        rates = []
        for t in range(steps):
            r = (1 - ALPHA) * r + ALPHA * torch.relu(torch.addmm(drive[t], r, wt))
            rates.append(r)
        z = torch.stack(rates) @ w_out.t()
        loss = ((z - y) ** 2).mean()
    loss.backward()
    opt.step()
    return loss.item()


def bench_training(name, n, batch, steps, inputs, k, warmup, repeats, steps_per_run):
    g = torch.Generator().manual_seed(1)
    params = make_network(k, n, inputs, 1, g)
    opt = torch.optim.Adam([params[0]], lr=1e-3)
    lead = (k,) if k else ()
    u = torch.randn(steps, *lead, batch, inputs, generator=g)
    y = torch.randn(steps, *lead, batch, 1, generator=g)
    for _ in range(warmup):
        training_step(params, opt, u, y, g, k)
    rates = []
    for _ in range(repeats):
        start = time.perf_counter()
        for _ in range(steps_per_run):
            training_step(params, opt, u, y, g, k)
        rates.append(steps_per_run / (time.perf_counter() - start))
    return {"scenario": name, "steps_per_second": statistics.median(rates), "runs": rates, "peak_rss_mib": peak_rss_mib()}


def bench_fixed_points(states, n, iterations, repeats):
    g = torch.Generator().manual_seed(2)
    w = (torch.randn(n, n, generator=g, dtype=torch.float64) / math.sqrt(n)) * (1 - torch.eye(n, dtype=torch.float64))
    c = torch.randn(n, generator=g, dtype=torch.float64) * 0.5
    x0 = torch.rand(states, n, generator=g, dtype=torch.float64)
    times = []
    for _ in range(repeats):
        x = x0.clone().requires_grad_(True)
        opt = torch.optim.Adam([x], lr=0.05)
        lr, previous, better = 0.05, math.inf, 0
        start = time.perf_counter()
        for _ in range(iterations):
            opt.zero_grad()
            f = (-x + torch.relu(x @ w.t() + c)) / TAU
            q = 0.5 * (f ** 2).sum(1)
            mean = q.mean()
            mean.backward()
            m = mean.item()
            if m > previous:
                lr *= 0.95
                better = 0
            else:
                better += 1
                if better >= 5:
                    lr /= 0.95
                    better = 0
            previous = m
            for group in opt.param_groups:
                group["lr"] = lr
            opt.step()
        times.append(time.perf_counter() - start)
    return {"scenario": "FP", "seconds": statistics.median(times), "runs": times, "peak_rss_mib": peak_rss_mib()}


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--threads", type=int, default=0, help="intra-op threads (default: PyTorch's own choice)")
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--steps-per-run", type=int, default=10)
    parser.add_argument("--scenarios", default="S1,S2,S3,FP")
    args = parser.parse_args()
    if args.threads > 0:
        torch.set_num_threads(args.threads)
    wanted = args.scenarios.split(",")
    print(json.dumps({"torch": f"{torch.__version__} with {blas_in_use()}", "threads": torch.get_num_threads()}), flush=True)
    if "S1" in wanted:
        print(json.dumps(bench_training("S1", 128, 64, 100, 1, None, 3, args.repeats, args.steps_per_run)), flush=True)
    if "S2" in wanted:
        print(json.dumps(bench_training("S2", 256, 64, 200, 2, None, 2, args.repeats, max(2, args.steps_per_run // 3))), flush=True)
    if "S3" in wanted:
        print(json.dumps(bench_training("S3", 128, 64, 100, 1, 10, 2, args.repeats, max(2, args.steps_per_run // 3))), flush=True)
    if "FP" in wanted:
        print(json.dumps(bench_fixed_points(1024, 128, 2000, max(1, args.repeats // 2))), flush=True)


if __name__ == "__main__":
    main()
