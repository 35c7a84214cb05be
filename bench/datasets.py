"""Benchmark: vectorized dataset generation against per-sample generation, side by side in ONE run.

For each dataset, `generate_dataset(n)` (one batched draw) is timed against drawing the same n samples one at a time
with `generate_sample()` and stacking them (the per-sample loop of the documented API's base class, realized with this
package's own `generate_sample`). Blocks are interleaved so machine-load drifts hit both equally; the reported ratio is
median(loop time) / median(vectorized time). Also reports the absolute time of GaussianDataset with n = 1e5, d = 1000
(acceptance: < 1 s).

Usage: python bench/datasets.py [--quick]   -> writes bench/results/datasets.json atomically.
"""
import argparse, json, os, platform, statistics, sys, time
from pathlib import Path

import torch

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
from statphys_nb import fix_seed  # noqa: E402
from statphys_nb.dataset import (GaussianDataset, SpikedCovarianceDataset, MarkovChainDataset, CopyTaskDataset,  # noqa: E402
                                 ICLNonlinearRegressionDataset, TeacherMixtureFairnessDataset)
from statphys_nb.results import atomic_write_bytes  # noqa: E402


def per_sample(ds, n):
    "Draw n samples one at a time and stack them."
    out = [ds.generate_sample() for _ in range(n)]
    if isinstance(out[0], dict): return {k: torch.stack([o[k] for o in out]) for k in out[0] if isinstance(out[0][k], torch.Tensor)}
    return torch.stack([o[0] for o in out]), torch.stack([o[1] for o in out])


def timed(f):
    t0 = time.perf_counter(); f(); return time.perf_counter() - t0


def main():
    ap = argparse.ArgumentParser(); ap.add_argument("--quick", action="store_true"); args = ap.parse_args()
    n, reps = (300, 3) if args.quick else (2000, 5)
    fix_seed(0)
    cases = {
        "GaussianDataset(d=1000)": GaussianDataset(1000, eta=0.1),
        "SpikedCovarianceDataset(d=500, 3 spikes)": SpikedCovarianceDataset(500, n_spikes=3),
        "TeacherMixtureFairnessDataset(d=500)": TeacherMixtureFairnessDataset(500),
        "MarkovChainDataset(d=32, S=10, T=20)": MarkovChainDataset(32),
        "CopyTaskDataset(d=32, V=50, T=20)": CopyTaskDataset(32),
        "ICLNonlinearRegressionDataset(d=50, k=5, l=10)": ICLNonlinearRegressionDataset(50),
    }
    results = {}
    for name, ds in cases.items():
        vec, loop = [], []
        for _ in range(reps):  # interleaved
            vec.append(timed(lambda: ds.generate_dataset(n))); loop.append(timed(lambda: per_sample(ds, n)))
        results[name] = {"n": n, "vectorized_s": statistics.median(vec), "per_sample_loop_s": statistics.median(loop),
                         "speedup": statistics.median(loop) / statistics.median(vec)}
        print(f"{name:50s} vectorized {results[name]['vectorized_s']*1e3:8.2f} ms   loop {results[name]['per_sample_loop_s']*1e3:9.1f} ms   x{results[name]['speedup']:.0f}")
    ds = GaussianDataset(1000, eta=0.1); big = []
    for _ in range(3):
        t = timed(lambda: ds.generate_dataset(100_000)); big.append(t)
    print(f"GaussianDataset n=1e5, d=1000: best {min(big):.3f} s, median {statistics.median(big):.3f} s")
    out = {"cases": results, "gaussian_1e5x1000_s": {"best": min(big), "median": statistics.median(big), "all": big},
           "torch_threads": torch.get_num_threads(), "torch": torch.__version__, "machine": platform.platform(), "cpus": os.cpu_count(),
           "quick": args.quick}
    path = ROOT / "bench" / "results" / "datasets.json"
    atomic_write_bytes(path, json.dumps(out, indent=2).encode())
    print("wrote", path)


if __name__ == "__main__":
    main()
