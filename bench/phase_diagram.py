"""Benchmark: a 20 x 20 (alpha, lambda) ridge phase diagram, 5 seeds, d = 200, theory and simulation.

Runs the same sweep serially and on a process pool (2 workers, one torch thread each) in one run and reports both times and the
speed-up, plus the theory time. Writes bench/results/phase_diagram.json. Run: .venv/bin/python bench/phase_diagram.py
"""
import json, os, time
from pathlib import Path
import numpy as np
import torch
from statphys_nb.dataset import GaussianDataset
from statphys_nb.model import LinearRegression
from statphys_nb.loss import RidgeLoss
from statphys_nb.simulation import SimulationConfig
from statphys_nb.simulation.runner import SimulationRunner
from statphys_nb.simulation.replica import compare_with_theory
from statphys_nb.theory.replica import SaddlePointSolver, GaussianLinearRidgeEquations
from statphys_nb.results import atomic_write_bytes


def sweep(executor, d=200, n_lam=20):
    lams = np.geomspace(1e-3, 3.0, n_lam)
    cfg = SimulationConfig.for_replica(alpha_range=(0.2, 3.0), alpha_steps=20, n_seeds=5, verbose=False)
    solver = SaddlePointSolver(GaussianLinearRidgeEquations(rho=1.0, eta=0.25, reg_param=0.1), ["m", "q"])
    runner = SimulationRunner(executor=executor, max_workers=2, cache_dir=None, progress=False)
    t0 = time.perf_counter()
    res = runner.run_parameter_sweep(cfg, GaussianDataset(d=d, rho=1.0, eta=0.25), LinearRegression, RidgeLoss(0.1), "reg_param", lams, theory_solver=solver)
    return time.perf_counter() - t0, res


def main():
    torch.set_num_threads(1)   # serial baseline on one thread, like each pool worker
    t_serial, r_serial = sweep("serial")
    t_pool, r_pool = sweep("process")
    t0 = time.perf_counter()
    for lam in np.geomspace(1e-3, 3.0, 20):
        SaddlePointSolver(GaussianLinearRidgeEquations(rho=1.0, eta=0.25, reg_param=lam), ["m", "q"]).solve_with_generalization_error(np.linspace(0.2, 3.0, 200))
    t_theory = time.perf_counter() - t0
    same = all(np.allclose(r_serial[k].experiment_results["order_params_per_seed"], r_pool[k].experiment_results["order_params_per_seed"]) for k in r_serial)
    cmps = [compare_with_theory(r) for r in r_pool.values()]
    zmax = max(c["max_abs_z"] for c in cmps)
    zs = np.concatenate([np.abs(np.concatenate([c[k] for k in ("m", "q", "eg")])) for c in cmps])
    n_over = int((zs > cmps[0]["t_crit"]).sum())
    # a heavier sweep (d = 800, 10 lambda), where the work per point outweighs starting the worker processes
    t_serial_h, _ = sweep("serial", d=800, n_lam=10); t_pool_h, _ = sweep("process", d=800, n_lam=10)
    res = {"benchmark": "ridge phase diagram 20 lambda x 20 alpha x 5 seeds, d=200, with theory", "serial_seconds": t_serial,
           "process_pool_seconds": t_pool, "speedup": t_serial / t_pool, "workers": 2, "theory_only_seconds": t_theory,
           "identical_results": bool(same), "max_abs_z": zmax, "n_comparisons": int(zs.size), "t_crit_4dof": cmps[0]["t_crit"],
           "n_over_t_crit": n_over, "expected_over_t_crit": 0.0027 * int(zs.size),
           "heavy_d800_10lambda": {"serial_seconds": t_serial_h, "process_pool_seconds": t_pool_h, "speedup": t_serial_h / t_pool_h}, "target_seconds": 30.0, "load_average": os.getloadavg()}
    atomic_write_bytes(Path(__file__).parent / "results" / "phase_diagram.json", json.dumps(res, indent=1).encode())
    print(json.dumps(res, indent=1))


if __name__ == "__main__":
    main()
