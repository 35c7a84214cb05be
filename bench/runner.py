"""Benchmark of `SimulationRunner`'s defaults (issues 15 and 20), side by side in one run.

1. Overhead of a trivial run: `SimulationRunner().run(...)` (serial, no cache) against `ReplicaSimulation(...).run(...)` on the same tiny
   problem (d = 10, one α, one seed, no theory); median over repeats. Target: < 0.1 s.
2. A 20 λ × 20 α ridge phase diagram (5 seeds, d = 200) with `executor='serial'`, `'auto'` (decides from the first point), `'process'` with a
   cold pool (start cost included) and `'process'` again with the warm pool; the per-worker start cost as reported in `runner.stats`.
   Target: 'auto' never much slower than serial.
3. A heavier sweep (d = 800, 10 λ) where the work per point outweighs the pool's start: serial, 'auto' and the warm pool.

Writes bench/results/runner.json. Run: .venv/bin/python bench/runner.py [--quick]
"""
import json, os, statistics, sys, time
from pathlib import Path

import numpy as np
import torch

from statphys_nb.dataset import GaussianDataset
from statphys_nb.loss import RidgeLoss
from statphys_nb.model import LinearRegression
from statphys_nb.results import atomic_write_bytes
from statphys_nb.simulation import ReplicaSimulation, SimulationConfig
from statphys_nb.simulation.runner import SimulationRunner, shutdown_pool


def trivial_overhead(repeats=21):
    cfg = SimulationConfig.for_replica(alpha_range=(1.0, 1.0), alpha_steps=1, n_seeds=1, verbose=False, use_theory=False)
    ds = GaussianDataset(d=10); loss = RidgeLoss(0.1)
    ReplicaSimulation(cfg).run(ds, LinearRegression, loss); SimulationRunner().run(cfg, ds, LinearRegression, loss)     # warm up imports
    direct, runner = [], []
    for _ in range(repeats):
        t0 = time.perf_counter(); ReplicaSimulation(cfg).run(ds, LinearRegression, loss); direct.append(time.perf_counter() - t0)
        t0 = time.perf_counter(); SimulationRunner().run(cfg, ds, LinearRegression, loss); runner.append(time.perf_counter() - t0)
    return {"direct_median_seconds": statistics.median(direct), "runner_median_seconds": statistics.median(runner),
            "overhead_seconds": statistics.median(runner) - statistics.median(direct), "target_seconds": 0.1}


def sweep(executor, d, n_lam, n_alpha=20, seeds=5):
    lams = np.geomspace(1e-3, 3.0, n_lam)
    cfg = SimulationConfig.for_replica(alpha_range=(0.2, 3.0), alpha_steps=n_alpha, n_seeds=seeds, verbose=False, use_theory=False)
    runner = SimulationRunner(executor=executor, max_workers=2, progress=False)
    t0 = time.perf_counter()
    res = runner.run_parameter_sweep(cfg, GaussianDataset(d=d, rho=1.0, eta=0.25), LinearRegression, RidgeLoss(0.1), "reg_param", lams)
    stats = {k: v for k, v in runner.stats.items() if k in ("executor", "per_point_seconds", "serial_estimate_seconds", "pool_estimate_seconds",
                                                             "worker_start_seconds", "points")}
    return {"seconds": time.perf_counter() - t0, **stats}, res


def main(quick=False):
    torch.set_num_threads(1)          # the serial baseline on one thread, like each pool worker
    out = {"benchmark": "SimulationRunner defaults", "cpu_count": os.cpu_count(), "load_average_start": os.getloadavg()}
    out["trivial_run"] = trivial_overhead(5 if quick else 21)
    n_lam = 4 if quick else 20
    light = {}
    light["serial"], r_serial = sweep("serial", 200, n_lam)
    shutdown_pool()
    light["auto_cold"], _ = sweep("auto", 200, n_lam)
    shutdown_pool()
    light["process_cold"], r_pool = sweep("process", 200, n_lam)
    light["process_warm"], _ = sweep("process", 200, n_lam)
    light["auto_warm"], _ = sweep("auto", 200, n_lam)
    light["identical_results"] = all(np.array_equal(r_serial[k].experiment_results["order_params_per_seed"],
                                                    r_pool[k].experiment_results["order_params_per_seed"]) for k in r_serial)
    light["auto_over_serial"] = light["auto_cold"]["seconds"] / light["serial"]["seconds"]
    out[f"ridge_{n_lam}lambda_x20alpha_x5seeds_d200"] = light
    if not quick:
        heavy = {}
        heavy["serial"], _ = sweep("serial", 800, 10)
        shutdown_pool()
        heavy["auto_cold"], _ = sweep("auto", 800, 10)
        heavy["process_warm"], _ = sweep("process", 800, 10)
        heavy["auto_over_serial"] = heavy["auto_cold"]["seconds"] / heavy["serial"]["seconds"]
        out["ridge_10lambda_x20alpha_x5seeds_d800"] = heavy
    shutdown_pool()
    out["load_average_end"] = os.getloadavg()
    path = Path(__file__).parent / "results" / ("runner_quick.json" if quick else "runner.json")
    atomic_write_bytes(path, json.dumps(out, indent=1).encode())
    print(json.dumps(out, indent=1))


if __name__ == "__main__":
    main(quick="--quick" in sys.argv)
