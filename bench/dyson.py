"""Speed of `statphys_nb.dyson` (issue 10 targets, measured side by side in ONE run).

  1. 1000 independent 2x2 Dyson Brownian motions, 10^4 steps (target < 2 s):
     exact matrix Ornstein-Uhlenbeck step (beta=1), the ordering-preserving split-step eigenvalue scheme
     (beta=1 and beta=2.5), and plain Euler-Maruyama as the baseline (fast but wrong at beta=1).
  2. One N=200 DBM, 10^4 steps (target < 2 s): exact matrix OU step, stepping every dt and diagonalizing
     at 100 record times; and the same law by jumping straight from record to record (the OU step is exact
     for any step size).
  3. Spectral statistics of 10^4 GOE matrices of size 100 (target < 5 s): <r> with error bar and unfolded
     nearest-neighbour spacings from the eigenvalues; the time of the batched float32 eigvalsh is reported
     separately (and the sum).
  4. The default step (issue 20): old default (first-order implicit split, dt = 0.01) vs new default (trapezoidal
     split, dt = default_dt(N, beta)) at N = 20, beta in {1, 2, 4}: mean spacing-ratio bias against beta-Hermite
     samples from a stationary start (s.e. from per-run means), and the time to simulate the same horizon
     (target: bias < 0.005, new/old time <= 2). Skip with --no-default-step.

Run:  python bench/dyson.py [--threads N]   -> writes bench/results/dyson.json (atomically)
"""
import argparse, json, os, platform, tempfile, time
from pathlib import Path

import numpy as np
import torch


CPU = {}

def timed(f, key=None):
    "Wall seconds of f() (its process CPU seconds are kept in CPU[key]: on a shared, overloaded machine wall time overstates the cost)."
    c0, t0 = time.process_time(), time.perf_counter(); out = f(); wall = time.perf_counter() - t0
    if key: CPU[key] = time.process_time() - c0
    return wall, out


def _mean_ratio(E):
    s = np.diff(E, axis=-1); return (np.minimum(s[..., :-1], s[..., 1:])/np.maximum(s[..., :-1], s[..., 1:])).mean(-1)


def default_step_bench(dev, N=20, runs=150, horizon=2.4):
    "Old vs new default at N=20: <r~> bias (stationary start) and seconds for the same simulated time."
    from statphys_nb.dyson import simulate_dbm, beta_hermite_eigvals
    from statphys_nb.dyson.simulate import default_dt
    out = {}
    for beta in (1, 2, 4):
        ref = _mean_ratio(beta_hermite_eigvals(20000, N, beta, seed=100 + beta)).mean()
        lam0 = beta_hermite_eigvals(runs, N, beta, seed=200 + beta)
        row = {}
        for name, kw in (("old", dict(scheme="implicit", dt=0.01)), ("new", dict(scheme="trapezoidal", dt=default_dt(N, beta)))):
            n_steps = int(round(horizon/kw["dt"])); every = max(1, n_steps//24)
            t, p = timed(lambda: simulate_dbm(N=N, beta=beta, n_steps=n_steps, n_runs=runs, lam0=lam0, record_every=every, seed=300 + beta, device=dev, **kw), f"ds{beta}{name}")
            per_run = _mean_ratio(p.eigs[1:]).mean(0)
            row[name] = dict(dt=kw["dt"], scheme=kw["scheme"], n_steps=n_steps, seconds=t, cpu_seconds=CPU[f"ds{beta}{name}"],
                             bias=float(per_run.mean() - ref), bias_se=float(per_run.std(ddof=1)/np.sqrt(runs)))
        row["time_ratio_new_over_old"] = row["new"]["seconds"]/row["old"]["seconds"]
        row["cpu_ratio_new_over_old"] = row["new"]["cpu_seconds"]/row["old"]["cpu_seconds"]
        out[f"beta{beta}"] = row
        print(f"N={N} beta={beta}: old bias {row['old']['bias']:+.4f}+-{row['old']['bias_se']:.4f} ({row['old']['seconds']:.2f}s) | "
              f"new bias {row['new']['bias']:+.4f}+-{row['new']['bias_se']:.4f} ({row['new']['seconds']:.2f}s) | time new/old {row['time_ratio_new_over_old']:.2f} cpu {row['cpu_ratio_new_over_old']:.2f}", flush=True)
    return out


def main(threads=None, out="bench/results/dyson.json", default_step=True):
    from statphys_nb.dyson import simulate_dbm, simulate_matrix_dbm, gbe_sample, mean_r, nn_spacings, stationary_second_moment
    if threads: torch.set_num_threads(threads)
    dev = torch.device("cpu")
    simulate_dbm(N=2, n_steps=10, n_runs=10, seed=0, device=dev)       # warm-up
    r = dict(threads=torch.get_num_threads(), torch=torch.__version__, python=platform.python_version(),
             machine=platform.machine(), load_average=os.getloadavg())

    # 1. 1000 x (2x2), 10^4 steps
    n, steps = 1000, 10_000
    cases = {"matrix_ou_beta1": dict(scheme="matrix", beta=1), "split_step_beta1": dict(scheme="implicit", beta=1.0),
             "split_step_beta2.5": dict(scheme="implicit", beta=2.5), "euler_maruyama_beta1": dict(scheme="euler", beta=1.0)}
    r["dbm_2x2_1000_runs_1e4_steps"] = {}
    for name, kw in cases.items():
        t, p = timed(lambda: simulate_dbm(N=2, dt=0.005, n_steps=steps, n_runs=n, record_every=1000, seed=1, device=dev, **kw), name)
        m2 = float((p.eigs[2:]**2).sum(-1).mean()); exact = stationary_second_moment(2, kw["beta"])
        r["dbm_2x2_1000_runs_1e4_steps"][name] = dict(seconds=t, cpu_seconds=CPU[name], second_moment_over_exact=m2/exact)
    base = r["dbm_2x2_1000_runs_1e4_steps"]["euler_maruyama_beta1"]["seconds"]
    cbase = r["dbm_2x2_1000_runs_1e4_steps"]["euler_maruyama_beta1"]["cpu_seconds"]
    for v in r["dbm_2x2_1000_runs_1e4_steps"].values(): v["time_ratio_to_euler"] = v["seconds"]/base; v["cpu_ratio_to_euler"] = v["cpu_seconds"]/cbase

    # 2. one N=200 DBM, 10^4 steps
    t_step, p = timed(lambda: simulate_matrix_dbm(N=200, beta=1, dt=1e-3, n_steps=steps, n_runs=1, record_every=100, seed=2, device=dev, dtype=torch.float32), "n200_step")
    t_jump, q = timed(lambda: simulate_matrix_dbm(N=200, beta=1, dt=0.1, n_steps=100, n_runs=1, record_every=1, seed=3, device=dev, dtype=torch.float32), "n200_jump")
    r["dbm_N200_1e4_steps"] = dict(matrix_ou_every_step_seconds=t_step, matrix_ou_every_step_cpu_seconds=CPU["n200_step"],
                                   matrix_ou_jump_to_records_seconds=t_jump, matrix_ou_jump_to_records_cpu_seconds=CPU["n200_jump"],
                                   final_second_moment_over_exact=float((p.eigs[-1]**2).sum()/stationary_second_moment(200, 1)))

    # 3. spectral statistics of 10^4 matrices of size 100
    t_sample, H = timed(lambda: gbe_sample(10_000, 100, 1, seed=4, device=dev, dtype=torch.float32), "sample")
    t_eig, ev = timed(lambda: torch.linalg.eigvalsh(H).numpy(), "eig")
    t_stats, (mr, s) = timed(lambda: (mean_r(ev), nn_spacings(ev)), "stats")
    r["spectral_stats_1e4_x_100"] = dict(sample_seconds=t_sample, eigvalsh_seconds=t_eig, statistics_seconds=t_stats,
                                         eigvalsh_plus_statistics_seconds=t_eig + t_stats,
                                         cpu_seconds=dict(sample=CPU["sample"], eigvalsh=CPU["eig"], statistics=CPU["stats"]), mean_r=mr[0], mean_r_err=mr[1], n_spacings=int(s.size))
    r["targets"] = dict(dbm_2x2_s=2.0, dbm_N200_s=2.0, spectral_stats_s=5.0, default_step_bias=0.005, default_step_time_ratio=2.0)
    if default_step: r["default_step_N20"] = default_step_bench(dev)

    path = Path(out); path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
    with os.fdopen(fd, "w") as f: json.dump(r, f, indent=2)
    os.replace(tmp, path)
    print(json.dumps(r, indent=2))
    return r


if __name__ == "__main__":
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--threads", type=int, default=None)
    ap.add_argument("--out", default="bench/results/dyson.json")
    ap.add_argument("--no-default-step", action="store_true", help="skip item 4 (old vs new default step)")
    a = ap.parse_args()
    main(a.threads, a.out, default_step=not a.no_default_step)
