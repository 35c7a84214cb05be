"""Speed of the online-learning theory and simulation (issue 5 targets), side by side in ONE run.

  1. Online logistic ODE over t in [0, 10] (target < 0.2 s): our fixed vectorized quadrature right-hand side, and, as
     the baseline, the same right-hand side with three adaptive `scipy.integrate.dblquad` calls (the approach of the
     documented package); ratio = cost per right-hand-side evaluation (baseline timed on a few evaluations).
  2. K = M = 3 soft-committee ODE over t in [0, 500] (target < 1 s): RK45 with the documented default max_step=0.1,
     RK45 with max_step=inf, and LSODA with max_step=0.1.
  3. Online SGD, d = 1000, t_max = 10 (10^4 steps), 10 seeds (target < 3 s): all seeds in one tensor, against the same
     kernel run seed by seed (ratio). Samples are drawn in float32 (half the cost of float64 normals, which dominate),
     the SGD runs in float64.

Usage: python bench/online.py [--quick]   -> writes bench/results/online.json atomically.
"""
import argparse, json, os, platform, statistics, sys, time
from pathlib import Path

import numpy as np
import torch
from scipy import integrate, special

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
from statphys_nb.results import atomic_write_bytes  # noqa: E402
from statphys_nb.theory.online import ODESolver, GaussianLinearLogisticEquations, GaussianCommitteeMseEquations  # noqa: E402
from statphys_nb.simulation.online import online_sgd, teacher_sampler  # noqa: E402


def timed(f, reps):
    ts = []
    for _ in range(reps):
        t0 = time.perf_counter(); f(); ts.append(time.perf_counter() - t0)
    return statistics.median(ts)


def dblquad_rhs(m, q, rho=1.0, lr=0.5):
    "Baseline: the generic rule with three adaptive 2-D integrals (written here for the comparison)."
    c = m / np.sqrt(q * rho); sp = np.sqrt(max(1 - c * c, 1e-12))
    def E(k):
        def f(x2, x1):
            u = np.sqrt(rho) * x1; z = np.sqrt(q) * (c * x1 + sp * x2); y = 1.0 if u >= 0 else -1.0
            g = y * special.expit(-y * z); w = np.exp(-0.5 * (x1 * x1 + x2 * x2)) / (2 * np.pi)
            return (g * u, g * z, g * g)[k] * w
        return integrate.dblquad(f, -8, 8, -8, 8, epsabs=1e-9)[0]
    Egu, Egz, Eg2 = E(0), E(1), E(2)
    return np.array([lr * Egu, 2 * lr * Egz + lr**2 * Eg2])


def main():
    ap = argparse.ArgumentParser(); ap.add_argument("--quick", action="store_true"); args = ap.parse_args()
    reps = 2 if args.quick else 5
    torch.manual_seed(0); out = {}

    # 1. logistic
    eq = GaussianLinearLogisticEquations(lr=0.5)
    slv = ODESolver(eq, ["m", "q", "eg"])
    t_ode = timed(lambda: slv.solve((0, 10), init_values=[0.0, 1.0]), reps)
    nfev = slv.solve((0, 10), init_values=[0.0, 1.0]).metadata["nfev"]
    y = np.array([0.3, 1.0])
    t_rhs = timed(lambda: [eq.rhs(0, y) for _ in range(100)], reps) / 100
    n_base = 2 if args.quick else 4
    t_base = timed(lambda: [dblquad_rhs(0.3, 1.0) for _ in range(n_base)], 1) / n_base
    assert np.allclose(dblquad_rhs(0.3, 1.0), eq.rhs(0, y), atol=1e-6)
    out["logistic_ode"] = {"seconds_t0_10": t_ode, "nfev": nfev, "target_s": 0.2, "meets_target": t_ode < 0.2,
                           "rhs_seconds": t_rhs, "baseline_dblquad_rhs_seconds": t_base, "rhs_speedup": t_base / t_rhs,
                           "baseline_estimated_solve_seconds": t_base * nfev}

    # 2. committee K = M = 3
    e3 = GaussianCommitteeMseEquations(k_student=3, k_teacher=3, lr=0.5)
    rng = np.random.default_rng(3); W = rng.normal(size=(3, 400)) * 0.3; V = np.linalg.qr(rng.normal(size=(400, 3)))[0].T * 20
    y3 = e3.initial_state(Q=W @ W.T / 400, R=W @ V.T / 400)
    res = {}
    for name, kw in {"RK45_max_step_0.1": dict(max_step=0.1), "RK45_max_step_inf": dict(max_step=np.inf),
                     "LSODA_max_step_0.1": dict(max_step=0.1, method="LSODA")}.items():
        s3 = ODESolver(e3, ["eg"], **kw)
        r = s3.solve((0, 500), init_values=y3)
        res[name] = {"seconds": timed(lambda: s3.solve((0, 500), init_values=y3), 1 if "0.1" in name and name.startswith("RK45") else reps),
                     "nfev": r.metadata["nfev"], "eg_500": float(r["eg"][-1])}
    out["committee_K3_M3_ode_t0_500"] = {**res, "target_s": 1.0}

    # 3. SGD
    d, S = 1000, 10
    W0 = torch.randn(d, dtype=torch.float64); Wi = torch.randn(S, d, dtype=torch.float64)
    sample = teacher_sampler(W0, eta_noise=0.1, dtype=torch.float32); grad = lambda z, yy: z - yy[:, None]; steps = np.arange(0, 10 * d + 1, d)
    t_vec = timed(lambda: online_sgd(W0, Wi, sample, grad, 0.5, steps), reps)
    t_loop = timed(lambda: [online_sgd(W0, Wi[s:s + 1], sample, grad, 0.5, steps) for s in range(S)], 1)
    out["sgd_d1000_t10_10seeds"] = {"vectorized_seconds": t_vec, "per_seed_loop_seconds": t_loop, "speedup": t_loop / t_vec,
                                    "target_s": 3.0, "meets_target": t_vec < 3.0}

    out["machine"] = {"platform": platform.platform(), "cpus": os.cpu_count(), "torch_threads": torch.get_num_threads(),
                      "load_avg_1min": os.getloadavg()[0], "quick": args.quick}
    path = ROOT / "bench" / "results" / "online.json"
    atomic_write_bytes(path, json.dumps(out, indent=1, default=float).encode())
    print(json.dumps(out, indent=1, default=float))


if __name__ == "__main__":
    main()
