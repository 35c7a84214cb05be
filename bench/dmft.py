"""Benchmark: the DMFT of full-batch GD to t = 20 with 200 time steps (η = 0.1), logistic loss, sign teacher, α = 2, λ = 0.1, q0 = 0.5.

Acceptance (issue 22): under 30 s on the 2-core machine. Reported: wall and CPU seconds, the Monte Carlo population N and the response
sub-population, the covariance self-consistency residual against its tolerance, and the load average (the machine may be shared).
A second row with N halved shows how the cost scales. One run per configuration (a DMFT solve is long enough to time once).

Usage: python bench/dmft.py [--quick]  -> writes bench/results/dmft.json atomically.
"""
import argparse, json, os, platform, sys, time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
from statphys_nb.theory.dmft import DMFTSolver  # noqa: E402
from statphys_nb.results import atomic_write_bytes  # noqa: E402


def run(n_samples, n_response, t_max=20.0, lr=0.1):
    s = DMFTSolver("logistic", alpha=2.0, reg_param=0.1, lr=lr, q0=0.5, n_samples=n_samples, n_response=n_response)
    t0, c0 = time.perf_counter(), time.process_time()
    r = s.solve(t_max, progress=False)
    wall, cpu = time.perf_counter() - t0, time.process_time() - c0
    return dict(n_samples=n_samples, n_response=n_response, t_max=t_max, n_steps=r.metadata["n_steps"], wall_s=round(wall, 2),
                cpu_s=round(cpu, 2), covariance_residual=float(r.metadata["covariance_residual"].max()),
                residual_tol=r.metadata["residual_tol"], converged=bool(r.converged.all()), eg_final=float(r["eg"][-1]))


def main():
    ap = argparse.ArgumentParser(); ap.add_argument("--quick", action="store_true", help="t = 5 instead of 20 (smoke test)")
    a = ap.parse_args()
    t_max = 5.0 if a.quick else 20.0
    import torch  # noqa: F401  (imported before timing; a first solve warms the kernels)
    DMFTSolver('logistic', n_samples=500, n_response=100, lr=0.1).solve(1.0, progress=False)
    load0 = os.getloadavg()
    rows = [run(16000, 2000, t_max), run(8000, 2000, t_max)]
    out = dict(benchmark="dmft", quick=a.quick, target_s=30.0, rows=rows, loadavg_before=load0, loadavg_after=os.getloadavg(),
               machine=dict(cpus=os.cpu_count(), python=platform.python_version()), when=time.strftime("%Y-%m-%d %H:%M:%S"))
    for r in rows:
        print(f"N = {r['n_samples']:6d}, response {r['n_response']}: {r['n_steps']} steps in {r['wall_s']:.1f} s wall ({r['cpu_s']:.1f} s CPU); "
              f"residual {r['covariance_residual']:.3g} (tol {r['residual_tol']:.3g}); E_g(t_max) = {r['eg_final']:.4f}")
    print(f"load average before/after: {load0} / {out['loadavg_after']}")
    if not a.quick: atomic_write_bytes(ROOT / "bench/results/dmft.json", json.dumps(out, indent=1).encode())


if __name__ == "__main__":
    main()
