"""Thread discipline: the documented quick start on a quiet machine and with ONE competing busy process, side by side.

Policies, each timed in this one process (medians over --repeats runs of `run_quickstart`'s computation, after a warm-up):
  - before: every pool at one thread per core (what the package did before `thread_limit`: threads=cpu_count),
  - after:  the package's default (`thread_limit()`: $STATPHYS_NB_THREADS, else the idle cores now),
  - one:    threads=1 (the OMP_NUM_THREADS=1 reference of the issue).
The competitor is `python -c 'while True: pass'`, started before and killed after the busy block.
Target (issue 20): after/busy <= 1.5 x after/quiet. The load (`os.getloadavg`, /proc/loadavg) is recorded with each number:
on a shared machine "quiet" is only as quiet as the other users allow.

Run:  python bench/threads.py [--repeats 5]   -> bench/results/threads.json (atomically); prints a compact table.
"""
import argparse, json, os, platform, statistics, subprocess, sys, tempfile, time
from pathlib import Path


def load():
    try: return dict(loadavg=[round(x, 2) for x in os.getloadavg()], proc_loadavg=open("/proc/loadavg").read().split()[:4])
    except OSError: return dict(loadavg=list(os.getloadavg()))


def main(repeats=5, out="bench/results/threads.json"):
    os.environ.pop("STATPHYS_NB_THREADS", None)
    from statphys_nb.cli import run_quickstart
    from statphys_nb.threads import available_cpus, auto_threads
    import torch
    ncpu = available_cpus(); tmp = tempfile.mkdtemp()
    kw = dict(out=tmp, verbose=False, progress=False)
    policies = {"before": ncpu, "after": None, "one": 1}
    run_quickstart(threads=1, **kw)   # warm-up: imports, allocator, first-call costs
    r = dict(cpus=ncpu, torch_threads_default=torch.get_num_threads(), repeats=repeats, python=platform.python_version(),
             torch=torch.__version__, results={})
    for state in ("quiet", "busy"):
        comp = subprocess.Popen([sys.executable, "-c", "while True: pass"]) if state == "busy" else None
        try:
            if comp: time.sleep(0.5)
            for name, threads in policies.items():
                ts, used = [], []
                for _ in range(repeats):
                    s = run_quickstart(threads=threads, **kw); ts.append(s["seconds"]); used.append(s["threads"])
                r["results"][f"{name}/{state}"] = dict(median_s=statistics.median(ts), min_s=min(ts), runs_s=ts, threads_used=used, **load())
        finally:
            if comp: comp.kill(); comp.wait()
    R = r["results"]
    r["ratio_busy_over_quiet"] = {p: R[f"{p}/busy"]["median_s"] / R[f"{p}/quiet"]["median_s"] for p in policies}
    r["target_ratio"] = 1.5
    r["pass"] = r["ratio_busy_over_quiet"]["after"] <= 1.5
    path = Path(out); path.parent.mkdir(parents=True, exist_ok=True)
    fd, t = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
    with os.fdopen(fd, "w") as f: json.dump(r, f, indent=1)
    os.replace(t, path)
    print(f"quick start (d=500, 20 alpha, 5 seeds), median of {repeats}; {ncpu} cpus")
    print(f"{'policy':8s} {'quiet s':>8s} {'busy s':>8s} {'busy/quiet':>10s}  threads(quiet|busy)  load(quiet|busy)")
    for p in policies:
        q, b = R[f"{p}/quiet"], R[f"{p}/busy"]
        print(f"{p:8s} {q['median_s']:8.3f} {b['median_s']:8.3f} {r['ratio_busy_over_quiet'][p]:10.2f}  {sorted(set(q['threads_used']))}|{sorted(set(b['threads_used']))}  {q['loadavg'][0]}|{b['loadavg'][0]}")
    print(f"pass (after busy/quiet <= 1.5): {r['pass']}")
    return r


if __name__ == "__main__":
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--repeats", type=int, default=5); ap.add_argument("--out", default="bench/results/threads.json")
    a = ap.parse_args(); main(a.repeats, a.out)
