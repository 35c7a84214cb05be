"""Import cost and the quick start's wall time from a shell, side by side for this tree and (optionally) an older one.

For each tree (PYTHONPATH set to it), in fresh interpreters, medians over --repeats:
  - `import statphys_nb`, `statphys_nb.theory.replica`, `statphys_nb.theory.online`, `statphys_nb.simulation` (seconds,
    and whether torch / matplotlib / sympy got imported),
  - `python -m statphys_nb.cli quickstart --no-progress` wall time, and the time until its table's last line is printed.
Run:  python bench/imports.py [--before /path/to/old/checkout] [--repeats 3]  -> bench/results/imports.json
"""
import argparse, json, os, statistics, subprocess, sys, tempfile, time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
MODULES = ["statphys_nb", "statphys_nb.theory.replica", "statphys_nb.theory.online", "statphys_nb.simulation"]


def _env(tree): return dict(os.environ, PYTHONPATH=str(tree), MPLBACKEND="Agg", TQDM_DISABLE="1")


def import_time(tree, module):
    code = (f"import time, sys; t=time.perf_counter(); import {module}; t=time.perf_counter()-t; "
            "print(t, sorted({k.split('.')[0] for k in sys.modules} & {'torch','matplotlib','sympy'}))")
    out = subprocess.run([sys.executable, "-c", code], env=_env(tree), capture_output=True, text=True, timeout=300, check=True).stdout.split(" ", 1)
    return float(out[0]), out[1].strip()


def quickstart_wall(tree):
    "Wall seconds of the CLI quick start in a fresh process, and seconds until the table's last line appeared."
    out = tempfile.mkdtemp(); t0 = time.perf_counter(); t_table = None
    p = subprocess.Popen([sys.executable, "-c", "import sys; from statphys_nb.cli import main; sys.exit(main(sys.argv[1:]))",
                          "quickstart", "--out", out, "--no-progress"], env=_env(tree), stdout=subprocess.PIPE, text=True)
    for line in p.stdout:
        if line.startswith("largest |simulation") and t_table is None: t_table = time.perf_counter() - t0
    p.wait(); wall = time.perf_counter() - t0
    if p.returncode: raise RuntimeError(f"quickstart failed in {tree}")
    return wall, t_table


def measure(tree, repeats):
    r = {}
    for m in MODULES:
        ts = [import_time(tree, m) for _ in range(repeats)]
        r[f"import {m}"] = dict(median_s=statistics.median(t for t, _ in ts), heavy=ts[-1][1])
    q = [quickstart_wall(tree) for _ in range(repeats)]
    r["quickstart_cli"] = dict(median_wall_s=statistics.median(w for w, _ in q), median_until_table_s=statistics.median(t for _, t in q))
    r["loadavg"] = os.getloadavg()
    return r


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--before", default=None, help="an older checkout to compare with (its root folder)")
    ap.add_argument("--repeats", type=int, default=3); ap.add_argument("--out", default=str(ROOT / "bench/results/imports.json"))
    a = ap.parse_args()
    res = {"after": measure(ROOT, a.repeats)}
    if a.before: res["before"] = measure(Path(a.before).resolve(), a.repeats); res["before_tree"] = str(a.before)
    path = Path(a.out); path.parent.mkdir(parents=True, exist_ok=True)
    fd, t = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
    with os.fdopen(fd, "w") as f: json.dump(res, f, indent=1)
    os.replace(t, path)
    for k in res["after"]:
        if k == "loadavg": continue
        print(f"{k:40s} after {json.dumps(res['after'][k])}" + (f"\n{'':40s} before {json.dumps(res['before'][k])}" if "before" in res else ""))
    print("loadavg", res["after"]["loadavg"], res.get("before", {}).get("loadavg", ""))


if __name__ == "__main__":
    main()
