"""Benchmark of the replica saddle-point solver and the exact ERM simulations (helper R).

Run: `python bench/replica.py` from the repository root. Writes bench/results/replica.json atomically.
Side-by-side in one run:
  * a full logistic-regression curve of 50 α values (target < 1 s), default solver vs Anderson mixing;
  * the same curve solved point by point (a Python loop over α, what a scalar solver does) — the ratio
    shows what vectorizing over α buys;
  * the LASSO curve of 50 α values;
  * a logistic ERM simulation at d = 500, 20 α, 5 seeds (target < 15 s; here at 5 α, extrapolated ×4,
    and the measured part is reported as such).
"""
import json, os, sys, time, platform
import numpy as np

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, ROOT)

from statphys_nb.results import atomic_write_bytes
from statphys_nb.theory.replica import SaddlePointSolver, GaussianLinearLogisticEquations, GaussianLinearLassoEquations
from statphys_nb.erm import fit_erm, gaussian_teacher_data


def best_of(fn, repeat=3):
    ts = []
    for _ in range(repeat):
        t = time.perf_counter(); out = fn(); ts.append(time.perf_counter() - t)
    return min(ts), out


def main():
    alpha = np.linspace(0.1, 10, 50)
    res = {"machine": platform.platform(), "cpu_count": os.cpu_count(), "load_avg_1min": os.getloadavg()[0]}
    logi = lambda method: SaddlePointSolver(GaussianLinearLogisticEquations(reg_param=0.01), ["m", "q", "eg"], method=method)
    t_vec, r = best_of(lambda: logi("picard").solve(alpha, strict=True))
    t_and, _ = best_of(lambda: logi("anderson").solve(alpha), repeat=1)
    t_loop, _ = best_of(lambda: [logi("picard").solve([a], strict=True) for a in alpha], repeat=1)
    t_lasso, _ = best_of(lambda: SaddlePointSolver(GaussianLinearLassoEquations(eta=0.1, reg_param=0.5), ["eg"]).solve(alpha, strict=True))
    res.update(logistic_50_alpha_s=t_vec, logistic_50_alpha_anderson_s=t_and, logistic_50_alpha_pointwise_loop_s=t_loop,
               vectorized_speedup=t_loop / t_vec, logistic_max_residual=float(r.metadata["residual"].max()),
               lasso_50_alpha_s=t_lasso)
    sim_alpha = np.linspace(0.5, 5, 5); t0 = time.perf_counter()
    for i, a in enumerate(sim_alpha):
        X, y, W0 = gaussian_teacher_data(5, int(a * 500), 500, "sign", seed=i)
        W, info = fit_erm("logistic", X, y, 0.1); assert info["converged"].all()
    t_sim = time.perf_counter() - t0
    res.update(logistic_sim_d500_5alpha_5seeds_s=t_sim, logistic_sim_d500_20alpha_5seeds_extrapolated_s=4 * t_sim)
    for k, v in res.items(): print(f"{k:55s} {v}")
    atomic_write_bytes(os.path.join(ROOT, "bench", "results", "replica.json"), json.dumps(res, indent=1).encode())


if __name__ == "__main__":
    main()
