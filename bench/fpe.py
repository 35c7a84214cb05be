"""Benchmark: the 2-D 100x100 double well to t = 100 with statphys_nb.fpe's grid solver, side by side with `fplanck` in ONE run.

Problem: dz = -grad U dt + sqrt(2 D) dW, U = 2(x^2-1)^2 + y^2/2, D = 1 (kT = 1, drag = 1), reflecting box [-2, 2]^2, 100 x 100 cells,
rho_0 = Gaussian at (-1, 0) with variance 0.05 per axis, propagated to t = 100 (relaxed: the answer is the discrete Boltzmann law).

* statphys_nb: FokkerPlanckGrid (Scharfetter-Gummel fluxes), backward Euler, dt = 0.1, one sparse LU factorization.
  Acceptance: < 1 s.
* fplanck (PyPI, Holubec-Kroy-Steffenoni master-equation scheme, `propagate` = scipy expm_multiply). It needs NumPy < 2
  (it calls np.product, removed in NumPy 2); it is NEVER installed into the project: it runs from a throwaway venv
  (default /tmp/fpvenv, `python -m venv /tmp/fpvenv && /tmp/fpvenv/bin/pip install "numpy<2" scipy fplanck`). The script also
  checks that fplanck fails under the project's NumPy 2.
Timings: wall and CPU seconds, median over repeats for ours, one run for fplanck (it is slow). The ratio is fplanck wall / ours wall
measured in this run; the load average is recorded because the machine may be shared.

Usage: python bench/fpe.py [--quick] [--fpvenv /tmp/fpvenv]   -> writes bench/results/fpe.json atomically.
"""
import argparse, json, os, platform, statistics, subprocess, sys, tempfile, textwrap, time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
from statphys_nb.fpe.grid import Grid, FokkerPlanckGrid  # noqa: E402
from statphys_nb.results import atomic_write_bytes  # noqa: E402

U = lambda x, y: 2*(x**2 - 1)**2 + y**2/2
T_END, N, DT = 100.0, 100, 0.1

FPLANCK_SCRIPT = textwrap.dedent("""
    import json, sys, time
    import numpy as np
    from scipy import constants
    t0, c0 = time.perf_counter(), time.process_time()
    import fplanck
    from fplanck import fokker_planck, boundary
    U = lambda x, y: 2*(x**2 - 1)**2 + y**2/2
    sim = fokker_planck(temperature=1/constants.k, drag=1.0, extent=[3.99999, 3.99999], resolution=0.04,
                        boundary=boundary.reflecting, potential=lambda x, y: constants.k*(1/constants.k)*U(x, y))
    t1 = time.perf_counter()
    pdf = lambda x, y: np.exp(-((x + 1)**2 + y**2)/0.1)
    p = sim.propagate(pdf, float(sys.argv[1]))
    t2, c2 = time.perf_counter(), time.process_time()
    np.save(sys.argv[2], p)
    print(json.dumps(dict(build_s=t1 - t0, propagate_s=t2 - t1, total_s=t2 - t0, cpu_s=c2 - c0, shape=list(p.shape),
                          numpy=np.__version__, fplanck=getattr(fplanck, "__version__", "?"))))
""")


def ours():
    t0, c0 = time.perf_counter(), time.process_time()
    g = Grid([-2, -2], [2, 2], [N, N]); X, Y = g.mesh()
    fp = FokkerPlanckGrid(g, potential=U, D=1.0)
    r = fp.propagate(np.exp(-((X + 1)**2 + Y**2)/0.1), 0, T_END, dt=DT)
    return time.perf_counter() - t0, time.process_time() - c0, r, g, fp.n_factorizations


def run_fplanck(python, t_end, workdir, extra_path=None):
    script = Path(workdir)/"fp_run.py"; script.write_text(FPLANCK_SCRIPT)
    out = Path(workdir)/"fp_out.npy"
    env = dict(os.environ)
    if extra_path: env["PYTHONPATH"] = extra_path
    t0 = time.perf_counter()
    proc = subprocess.run([python, str(script), str(t_end), str(out)], capture_output=True, text=True, env=env, timeout=3600)
    wall = time.perf_counter() - t0
    if proc.returncode != 0:
        return dict(ok=False, wall_s=wall, error=(proc.stderr.strip().splitlines() or ["?"])[-1]), None
    return dict(ok=True, wall_s=wall, **json.loads(proc.stdout.strip().splitlines()[-1])), np.load(out)


def main():
    ap = argparse.ArgumentParser(); ap.add_argument("--quick", action="store_true"); ap.add_argument("--fpvenv", default="/tmp/fpvenv")
    args = ap.parse_args()
    reps = 2 if args.quick else 5
    res = dict(problem="2-D double well U=2(x^2-1)^2+y^2/2, D=1, 100x100 cells on [-2,2]^2, t=0..100",
               machine=dict(platform=platform.platform(), cpus=os.cpu_count(), loadavg_start=os.getloadavg()))
    runs = [ours() for _ in range(reps)]
    wall, cpu = [r[0] for r in runs], [r[1] for r in runs]
    _, _, r, g, nfac = runs[-1]
    X, Y = g.mesh(); b = np.exp(-U(X, Y)); b /= g.integrate(b)
    res["statphys_nb"] = dict(method="Scharfetter-Gummel FV, backward Euler dt=0.1, sparse LU", wall_s_median=statistics.median(wall),
                              wall_s_all=wall, cpu_s_median=statistics.median(cpu), factorizations=nfac,
                              max_rel_dev_from_boltzmann=float(np.max(np.abs(r/b - 1))), mass_error=float(abs(g.integrate(r) - 1)),
                              under_1s=statistics.median(wall) < 1.0)
    print(f"statphys_nb: wall {statistics.median(wall):.3f} s (median of {reps}), CPU {statistics.median(cpu):.3f} s, "
          f"max rel. dev. from Boltzmann {res['statphys_nb']['max_rel_dev_from_boltzmann']:.1e}")
    py = Path(args.fpvenv)/"bin"/"python"
    with tempfile.TemporaryDirectory() as wd:
        # 1) fplanck under the project's NumPy 2 (only the fplanck package put on the path): expected to fail
        site = next(Path(args.fpvenv).glob("lib/python*/site-packages"), None) if py.exists() else None
        if site is not None and (site/"fplanck").exists():
            shim = Path(wd)/"shim"; shim.mkdir(); (shim/"fplanck").symlink_to(site/"fplanck")
            np2, _ = run_fplanck(sys.executable, 1.0, wd, extra_path=str(shim))
            res["fplanck_numpy2"] = dict(numpy=np.__version__, **np2)
            print("fplanck under NumPy", np.__version__, ":", "runs" if np2["ok"] else f"fails: {np2['error']}")
        # 2) fplanck in its own venv with NumPy < 2, same problem
        if py.exists() and not args.quick:
            fpres, p = run_fplanck(str(py), T_END, wd)
            if fpres["ok"]:
                rho_fp = p/g.dV
                fpres["max_rel_dev_from_boltzmann"] = float(np.max(np.abs(rho_fp/b - 1)))
                fpres["L1_vs_statphys_nb"] = float(g.integrate(np.abs(rho_fp - r)))
                res["ratio_fplanck_over_statphys_nb_wall"] = fpres["wall_s"]/statistics.median(wall)
                print(f"fplanck: wall {fpres['wall_s']:.1f} s (build {fpres['build_s']:.1f} s, propagate {fpres['propagate_s']:.1f} s), "
                      f"ratio {res['ratio_fplanck_over_statphys_nb_wall']:.0f}x, L1 vs ours {fpres['L1_vs_statphys_nb']:.1e}")
            res["fplanck"] = fpres
        elif not py.exists():
            res["fplanck"] = dict(ok=False, error=f"no venv at {args.fpvenv}")
    res["machine"]["loadavg_end"] = os.getloadavg()
    atomic_write_bytes(ROOT/"bench"/"results"/"fpe.json", json.dumps(res, indent=2, default=float).encode())


if __name__ == "__main__":
    main()
