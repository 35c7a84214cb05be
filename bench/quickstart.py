"""Benchmark: the documented ridge quick start (d=500, 20 alpha, 5 seeds, with theory), in one process.

Reports import time, the median wall time of the quick start over repeats (simulation and theory separately) and the
torch thread count. The reference figure for a widely used implementation of the same API (about 90 s on this 2-core
machine, from the issue) cannot be re-measured here: that package is not installable offline. Writes bench/results/quickstart.json.
Run: .venv/bin/python bench/quickstart.py [--repeats 5]
"""
import argparse, json, os, statistics, sys, time
from pathlib import Path

t_imp = time.perf_counter()
import torch
import statphys_nb
from statphys_nb.dataset import GaussianDataset
from statphys_nb.model import LinearRegression
from statphys_nb.loss import RidgeLoss
from statphys_nb.simulation import ReplicaSimulation, SimulationConfig, compare_with_theory
from statphys_nb.theory.replica import SaddlePointSolver, GaussianLinearRidgeEquations
from statphys_nb.results import atomic_write_bytes
import_s = time.perf_counter() - t_imp


def quickstart():
    statphys_nb.fix_seed(42)
    dataset = GaussianDataset(d=500, rho=1.0, eta=0.1)
    config = SimulationConfig.for_replica(alpha_range=(0.1, 5.0), alpha_steps=20, n_seeds=5, reg_param=0.01, use_theory=True, verbose=False)
    solver = SaddlePointSolver(equations=GaussianLinearRidgeEquations(rho=1.0, eta=0.1, reg_param=0.01), order_params=["m", "q"])
    return ReplicaSimulation(config).run(dataset=dataset, model_class=LinearRegression, loss_fn=RidgeLoss(0.01), theory_solver=solver)


def main():
    ap = argparse.ArgumentParser(); ap.add_argument("--repeats", type=int, default=5); a = ap.parse_args()
    quickstart()  # warm-up (first-call allocations, lazy imports)
    total, sim, th = [], [], []
    for _ in range(a.repeats):
        t0 = time.perf_counter(); r = quickstart(); total.append(time.perf_counter() - t0)
        sim.append(r.metadata["sim_seconds"]); th.append(r.metadata["theory_seconds"])
    res = {"benchmark": "ridge quick start (d=500, 20 alpha, 5 seeds, theory on 200+ points)",
           "import_seconds": import_s, "median_seconds": statistics.median(total), "min_seconds": min(total),
           "median_sim_seconds": statistics.median(sim), "median_theory_seconds": statistics.median(th),
           "repeats": a.repeats, "torch_threads": torch.get_num_threads(), "cpu_count": os.cpu_count(),
           "max_abs_z": compare_with_theory(r)["max_abs_z"], "target_seconds": 2.0,
           "reference_seconds_other_implementation": 90.0, "reference_note": "stated in the issue, not re-measured (not installable here)",
           "load_average": os.getloadavg()}
    out = Path(__file__).parent / "results" / "quickstart.json"
    atomic_write_bytes(out, json.dumps(res, indent=1).encode())
    print(json.dumps(res, indent=1))


if __name__ == "__main__":
    main()
