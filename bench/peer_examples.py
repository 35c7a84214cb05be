"""Benchmark: the `statphys` package's three example scripts, unchanged and at their own sizes, run against statphys_nb.

The scripts (examples/replica_ridge_regression.py, online_sgd_learning.py, committee_machine.py of
Yuma-Ichikawa/StatPhysMLSimPlayground at commit 19e2fa0) are read from a folder given on the command line; they are never
copied into this repository. Each runs in a fresh interpreter, in a scratch working folder, with `statphys` aliased to
statphys_nb by `statphys_nb.compat.alias_statphys()` (a sitecustomize in a temporary folder) and the Agg backend.
Reports wall seconds per script (median over repeats, process start and imports included), the exit status and the
last lines of output. The peer package itself trains these by AdamW and takes minutes; it is not installable here, so
its times are not re-measured. Writes bench/results/peer_examples.json; with no peer folder it says so and exits 0.
Run: .venv/bin/python bench/peer_examples.py /path/to/StatPhysMLSimPlayground/examples [--repeats 3]
"""
import argparse, json, os, statistics, subprocess, sys, tempfile, time
from pathlib import Path

SCRIPTS = ["replica_ridge_regression.py", "online_sgd_learning.py", "committee_machine.py"]
ROOT = Path(__file__).resolve().parents[1]


def run_one(script:Path, timeout:float) -> dict:
    with tempfile.TemporaryDirectory() as work:
        site = Path(work) / "site"; site.mkdir()
        (site / "sitecustomize.py").write_text("import statphys_nb.compat\nstatphys_nb.compat.alias_statphys()\n")
        env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(site), str(ROOT)]), "MPLBACKEND": "Agg", "TQDM_DISABLE": "1"}
        t0 = time.perf_counter()
        try:
            p = subprocess.run([sys.executable, str(script)], cwd=work, env=env, capture_output=True, text=True, timeout=timeout)
            rc, out = p.returncode, (p.stdout + p.stderr)
        except subprocess.TimeoutExpired as e:
            rc, out = "timeout", (e.stdout or b"").decode(errors="replace") if isinstance(e.stdout, bytes) else (e.stdout or "")
        return {"seconds": time.perf_counter() - t0, "returncode": rc, "tail": out.strip().splitlines()[-12:]}


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("examples", nargs="?", default=None, help="the peer's examples/ folder")
    ap.add_argument("--repeats", type=int, default=3)
    ap.add_argument("--timeout", type=float, default=900.0)
    a = ap.parse_args()
    if a.examples is None or not all((Path(a.examples) / s).is_file() for s in SCRIPTS):
        print(f"skipped: the peer's example scripts {SCRIPTS} were not found in {a.examples!r}"); return 0
    from statphys_nb.results import atomic_write_bytes
    res = {"benchmark": "the statphys package's example scripts, unchanged, with statphys aliased to statphys_nb",
           "source": "Yuma-Ichikawa/StatPhysMLSimPlayground@19e2fa0 examples/ (read from the given folder, not stored here)",
           "repeats": a.repeats, "cpu_count": os.cpu_count(), "load_average_start": os.getloadavg(), "scripts": {}}
    for s in SCRIPTS:
        runs = [run_one(Path(a.examples) / s, a.timeout) for _ in range(a.repeats)]
        ok = all(r["returncode"] == 0 for r in runs)
        res["scripts"][s] = {"ok": ok, "median_seconds": statistics.median(r["seconds"] for r in runs),
                             "seconds": [r["seconds"] for r in runs], "returncode": runs[-1]["returncode"], "tail": runs[-1]["tail"]}
        print(f"{s:30s} {'ok ' if ok else 'FAIL'} median {res['scripts'][s]['median_seconds']:.1f} s")
    res["load_average_end"] = os.getloadavg()
    atomic_write_bytes(Path(__file__).parent / "results" / "peer_examples.json", json.dumps(res, indent=1).encode())
    return 0 if all(v["ok"] for v in res["scripts"].values()) else 1


if __name__ == "__main__":
    sys.exit(main())
