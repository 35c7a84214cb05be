"""Benchmark of the Gaussian-covariate-model saddle point (helper h21).

Run: `python bench/gcm.py` from the repository root. Writes bench/results/gcm.json atomically.
Target (issue 21): a 50-point learning curve of random-features logistic regression at spectral size
p = d = 1000 in under 2 s. Measured side by side in one run:
  * the target: draw F [1000, 1000], eigvalsh of FFᵀ/d, 50-point logistic curve (λ = 0.01) — total time;
  * the same curve on the asymptotic Marchenko–Pastur spectrum with 1000 nodes (no eigendecomposition);
  * the isotropic logistic chapter's curve (same α grid, same λ): the cost of the output channel alone,
    so the ratio shows what the spectral sums add;
  * a 50-point random-features ridge curve at p = d = 1000 (closed-form channel).
"""
import json, os, sys, platform
import numpy as np

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, ROOT)

from statphys_nb.results import atomic_write_bytes
from statphys_nb.theory.replica import SaddlePointSolver, GaussianLinearLogisticEquations
from statphys_nb.theory.replica.gcm import GCMEquations
from statphys_nb.theory.replica.random_features import rf_spectrum
from replica import best_of   # bench/replica.py (this script's folder is on sys.path when run as `python bench/gcm.py`)


def main():
    alpha = np.linspace(0.1, 10, 50)
    res = {"machine": platform.platform(), "cpu_count": os.cpu_count(), "load_avg_1min_start": os.getloadavg()[0]}
    def rf_logistic():
        F = np.random.default_rng(0).standard_normal((1000, 1000))
        S = rf_spectrum("erf", F=F)
        return SaddlePointSolver(GCMEquations(S, "logistic", reg_param=0.01), ["m", "q", "eg"]).solve(alpha, strict=True)
    t_rf, r = best_of(rf_logistic)
    t_mp, _ = best_of(lambda: SaddlePointSolver(GCMEquations(rf_spectrum("erf", 1.0, n_nodes=1000), "logistic", reg_param=0.01),
                                                ["m", "q", "eg"]).solve(alpha, strict=True))
    t_iso, _ = best_of(lambda: SaddlePointSolver(GaussianLinearLogisticEquations(reg_param=0.01), ["m", "q", "eg"]).solve(alpha, strict=True))
    t_ridge, _ = best_of(lambda: SaddlePointSolver(GCMEquations(rf_spectrum("erf", F=np.random.default_rng(0).standard_normal((1000, 1000))),
                                                                "ridge", reg_param=0.01, eta=0.1), ["m", "q", "eg"]).solve(alpha, strict=True))
    res.update(rf_logistic_p1000_50alpha_total_s=t_rf, target_s=2.0, meets_target=bool(t_rf < 2.0),
               rf_logistic_max_residual=float(r.metadata["residual"].max()), rf_logistic_max_iterations=int(r.iterations.max()),
               rf_logistic_marchenko_pastur_1000_nodes_s=t_mp, isotropic_logistic_50alpha_s=t_iso,
               gcm_over_isotropic_ratio=t_rf / t_iso, rf_ridge_p1000_50alpha_total_s=t_ridge,
               load_avg_1min_end=os.getloadavg()[0])
    for k, v in res.items(): print(f"{k:48s} {v}")
    atomic_write_bytes(os.path.join(ROOT, "bench", "results", "gcm.json"), json.dumps(res, indent=1).encode())


if __name__ == "__main__":
    main()
