"""Benchmark: overhead and memory of `statphys_nb.heavytail.UpdateTracker` on the 784-1024-256-10 MLP (1.07M parameters).

Side by side in ONE run: the same model and optimizer stepping with no tracker and with each tracker configuration of
CONFIGS attached (the default numba backend; numba with snapshot='changed'; the torch backend), in interleaved blocks whose
order rotates (so drifts in machine load hit all modes alike); the
ratio is median(tracked block time) / median(plain block time) - 1.
Timings are taken in the steady state (after a warm-up with the tracker attached; the first steps fill the top-k store and
cost more). Memory: the tracker's buffers after `n1` and `n2` steps (must be equal) against the reference approach, which
stores P float32 per step (P*4 bytes per step).

Usage: python bench/heavytail.py [--quick]   -> writes bench/results/heavytail.json atomically.
"""
import argparse, json, os, platform, sys, time
from pathlib import Path

import numpy as np
import torch

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
from statphys_nb.heavytail.tracking import UpdateTracker  # noqa: E402
from statphys_nb.results import atomic_write_bytes  # noqa: E402


def mlp():
    return torch.nn.Sequential(torch.nn.Linear(784, 1024), torch.nn.ReLU(), torch.nn.Linear(1024, 256), torch.nn.ReLU(),
                               torch.nn.Linear(256, 10))


def synthetic_task(g):
    "4096 Gaussian inputs and the labels of a random linear 10-class teacher: a learnable task for the MLP."
    X = torch.randn(4096, 784, generator=g); W = torch.randn(784, 10, generator=g)
    return X, (X @ W).argmax(1)


def train(model, opt, X, Y, batches):
    "One optimizer step per index batch in `batches` (cross-entropy)."
    for i in batches:
        opt.zero_grad(set_to_none=True)
        torch.nn.functional.cross_entropy(model(X[i]), Y[i]).backward()
        opt.step()


CONFIGS = {"numba": dict(backend="numba"), "numba_changed": dict(backend="numba", snapshot="changed"), "torch": dict(backend="torch")}


def bench_case(opt_name, batch, standardize, blocks, block_steps, warmup, seed=0, backends=tuple(CONFIGS)):
    torch.manual_seed(seed)
    model = mlp()
    opt = (torch.optim.SGD(model.parameters(), lr=0.05, momentum=0.9) if opt_name == "sgd"
           else torch.optim.Adam(model.parameters(), lr=1e-3))
    g = torch.Generator().manual_seed(seed)
    X, Y = synthetic_task(g)

    def steps(n): train(model, opt, X, Y, (torch.randint(0, len(X), (batch,), generator=g) for _ in range(n)))

    trackers = {be: UpdateTracker(model, standardize=standardize, **CONFIGS[be]) for be in backends}
    for t in trackers.values():                                   # warm-up: fill the top-k stores, compile the kernels
        t.attach(opt); steps(warmup); t.detach()
    steps(5)
    modes = [None, *backends]; times = {m: [] for m in modes}
    for b in range(blocks):
        for m in modes[b % len(modes):] + modes[:b % len(modes)]:  # rotate the order: load drifts hit every mode alike
            if m: trackers[m].attach(opt)
            t0 = time.perf_counter(); steps(block_steps); dt = (time.perf_counter() - t0)/block_steps
            if m: trackers[m].detach()
            times[m].append(dt)
    tp = float(np.median(times[None]))
    res = dict(optimizer=opt_name, batch=batch, standardize=standardize, step_ms=1e3*tp,
               plain_blocks_ms=[1e3*x for x in times[None]])
    for be in backends:
        tt = float(np.median(times[be]))
        res[be] = dict(tracked_step_ms=1e3*tt, overhead=tt/tp - 1, blocks_ms=[1e3*x for x in times[be]],
                       tracker_steps=trackers[be].steps)
    res["overhead"], res["tracked_step_ms"] = res[backends[0]]["overhead"], res[backends[0]]["tracked_step_ms"]
    return res


def transient_case(n_steps, block, batch=128, seed=0):
    """Overhead from the first step on (fresh model: the top-k stores fill, events are frequent): two identical models and
    optimizers, one tracked (default backend), run the same batches in alternating blocks; ratio of the summed times - 1."""
    def setup():
        torch.manual_seed(seed); m = mlp(); return m, torch.optim.SGD(m.parameters(), lr=0.05, momentum=0.9)
    (m0, o0), (m1, o1) = setup(), setup()
    tracker = UpdateTracker(m1).attach(o1)
    g = torch.Generator().manual_seed(seed)
    X, Y = synthetic_task(g)
    batches = [torch.randint(0, len(X), (batch,), generator=g) for _ in range(n_steps)]
    warm = UpdateTracker(torch.nn.Linear(4, 3)); warm.begin(); warm.end()   # load the compiled kernels beforehand
    times = {0: [], 1: []}
    for b0 in range(0, n_steps, block):
        for k in ((0, 1) if (b0 // block) % 2 == 0 else (1, 0)):
            m, o = (m0, o0) if k == 0 else (m1, o1)
            t0 = time.perf_counter(); train(m, o, X, Y, batches[b0:b0 + block])
            times[k].append(time.perf_counter() - t0)
    same = all(torch.equal(p, q) for p, q in zip(m0.parameters(), m1.parameters()))   # the tracker changes nothing
    p, t = np.array(times[0]), np.array(times[1])
    return dict(steps=n_steps, block=block, overhead=float(t.sum()/p.sum() - 1), overhead_per_block=(t/p - 1).tolist(),
                plain_ms_per_step=1e3*p.sum()/n_steps, tracked_ms_per_step=1e3*t.sum()/n_steps, identical_weights=same,
                events=int(tracker.n_events))


def memory_case(n1, n2, backend="numba"):
    torch.manual_seed(0)
    model = mlp(); opt = torch.optim.SGD(model.parameters(), lr=0.01)
    P = sum(p.numel() for p in model.parameters())
    tr = UpdateTracker(model, backend=backend).attach(opt)
    x, y = torch.randn(64, 784), torch.randint(0, 10, (64,))
    sizes = {}
    for n in range(1, n2 + 1):
        opt.zero_grad(); torch.nn.functional.cross_entropy(model(x), y).backward(); opt.step()
        if n in (n1, n2): sizes[n] = tr.nbytes()
    return dict(backend=backend, P=P, tracker_bytes={str(k): v for k, v in sizes.items()}, constant=sizes[n1] == sizes[n2],
                reference_bytes_per_step=4*P, reference_bytes_at={str(k): 4*P*k for k in sizes},
                ratio_reference_over_tracker_at_n2=4*P*n2/sizes[n2])


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--quick", action="store_true", help="fewer blocks (a smoke test)")
    ap.add_argument("--threads", type=int, default=None, help="torch.set_num_threads (default: torch's choice)")
    a = ap.parse_args()
    if a.threads: torch.set_num_threads(a.threads)
    blocks, bsteps, warm = (2, 5, 20) if a.quick else (16, 10, 100)
    cases = []
    for opt_name, batch, std in [("sgd", 128, False), ("adam", 128, False), ("sgd", 128, True), ("sgd", 256, False), ("sgd", 64, False)]:
        r = bench_case(opt_name, batch, std, blocks, bsteps, warm); cases.append(r)
        print(f"{opt_name:4s} batch {batch:3d} standardize={std!s:5s}: step {r['step_ms']:.2f} ms; "
              + "; ".join(f"{be} {r[be]['tracked_step_ms']:.2f} ms (+{100*r[be]['overhead']:.1f}%)" for be in CONFIGS), flush=True)
    tr = transient_case(100 if a.quick else 400, 10)
    print(f"from the first step, {tr['steps']} steps: plain {tr['plain_ms_per_step']:.2f} ms, tracked {tr['tracked_ms_per_step']:.2f} ms "
          f"(+{100*tr['overhead']:.1f}%; first block +{100*tr['overhead_per_block'][0]:.0f}%); same weights: {tr['identical_weights']}", flush=True)
    mems = [memory_case(100, 1000 if not a.quick else 200, be) for be in ("numba", "torch")]; mem = mems[0]
    for m in mems:
        print(f"{m['backend']} tracker memory {m['tracker_bytes']} bytes (constant: {m['constant']}); reference stores "
              f"{m['reference_bytes_per_step']/1e6:.2f} MB per step")
    main_case = cases[0]
    out = dict(benchmark="heavytail", description=__doc__.strip().splitlines()[0], quick=a.quick,
               model="MLP 784-1024-256-10", parameters=mem["P"], torch_threads=torch.get_num_threads(),
               load_average=list(os.getloadavg()), machine=platform.platform(), cpu_count=os.cpu_count(),
               overhead_sgd_batch128=main_case["overhead"], overhead_sgd_batch128_torch_backend=main_case["torch"]["overhead"],
               overhead_sgd_batch128_snapshot_changed=main_case["numba_changed"]["overhead"], configs=CONFIGS,
               target_overhead=0.25, meets_target=bool(main_case["overhead"] <= 0.25), cases=cases, transient=tr, memory=mem, memory_torch_backend=mems[1],
               torch_version=torch.__version__, time_utc=time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()))
    path = ROOT/"bench"/"results"/"heavytail.json"
    atomic_write_bytes(path, json.dumps(out, indent=1).encode())
    print(f"wrote {path}")


if __name__ == "__main__":
    main()
