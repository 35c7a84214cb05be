"""Run All timing: execute chapter notebooks top to bottom in a fresh Jupyter kernel, as JupyterLab's Run All does.

    python bench/runall.py                      # every notebook in nbs/, default settings (FULL off, live sliders)
    python bench/runall.py 31_replica_ridge 91  # notebooks whose name starts with these prefixes
    python bench/runall.py --docs --save 02_vis # docs mode (STATPHYS_NB_DOCS=1: static players, no widgets), outputs saved
    python bench/runall.py --open-clean         # no execution: python3 kernelspec, live-widget outputs dropped (all notebooks)

Each notebook runs in its own kernel (nbclient, the engine behind `jupyter nbconvert --execute`) with the notebook's
folder as working directory; the wall time covers kernel start to the last cell. Results (time, error outputs, load
average before/after, the kernel's CPU time: close to the wall time on a quiet machine for these one-thread runs) go to
bench/results/runall.json (atomically), a table to stdout. The target: every chapter under
60 s on a quiet 2-core machine. `--save` writes the executed notebook back and runs nbdev_clean on it (for the owners of
a notebook, when re-executing it for its saved outputs; use it with --docs so the players are built and no live widget is
stored). Without --full the full-size cells (`if FULL:`) do not run, and they keep their stored outputs.
"""
import argparse, json, os, subprocess, sys, time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _pick(names):
    nbs = sorted(p for p in (ROOT / "nbs").glob("*.ipynb") if not p.name.startswith(("_", ".")))
    if not names: return nbs
    out = [p for p in nbs if any(p.stem.startswith(n.removesuffix(".ipynb")) for n in names)]
    missing = [n for n in names if not any(p.stem.startswith(n.removesuffix(".ipynb")) for p in nbs)]
    if missing: raise SystemExit(f"no notebook matches {missing}")
    return out


KERNELSPEC = {"display_name": "python3", "language": "python", "name": "python3"}
WIDGET = "application/vnd.jupyter.widget-view+json"


def open_clean(nb:Path) -> bool:
    "Make a saved notebook open cleanly: python3 kernelspec, no live-widget outputs (dead text or 'model not found' once the kernel is gone), no widget state. True if changed."
    text = nb.read_text(encoding="utf-8"); d = json.loads(text)
    d.setdefault("metadata", {})["kernelspec"] = dict(KERNELSPEC)
    d["metadata"].pop("widgets", None)
    for c in d.get("cells", []):
        if "outputs" in c: c["outputs"] = [o for o in c["outputs"] if WIDGET not in o.get("data", {})]
    new = json.dumps(d, indent=1, ensure_ascii=False) + "\n"
    if new == text: return False
    tmp = nb.with_suffix(".ipynb.tmp"); tmp.write_text(new, encoding="utf-8"); os.replace(tmp, nb)
    return True


def _cpu_seconds(pid):
    "CPU time (user + system, s) of the kernel process and its waited-for children, from /proc (Linux); None elsewhere."
    try: f = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except (OSError, TypeError, IndexError): return None
    return sum(int(x) for x in f[11:15]) / os.sysconf("SC_CLK_TCK")


def run_one(nb:Path, timeout:int, save:bool) -> dict:
    import nbformat
    from nbclient import NotebookClient
    from nbclient.exceptions import CellExecutionError, CellTimeoutError
    d = nbformat.read(nb, as_version=4)
    client = NotebookClient(d, timeout=timeout, kernel_name="python3", resources={"metadata": {"path": str(nb.parent)}},
                            allow_errors=True, record_timing=True)
    kept = {i: c.get("outputs", []) for i, c in enumerate(d.cells) if c.cell_type == "code" and "if FULL:" in c.source}
    load0 = os.getloadavg()[0]; t0 = time.perf_counter(); status = "ok"
    cpu = None
    try:
        with client.setup_kernel():
            pid = getattr(getattr(client.km, "provisioner", None), "pid", None) or getattr(client.km.provisioner.process, "pid", None)
            for i, cell in enumerate(d.cells): client.execute_cell(cell, i)
            cpu = _cpu_seconds(pid)
    except CellTimeoutError: status = "timeout"
    except CellExecutionError: status = "error"
    except Exception as e: status = f"failed: {type(e).__name__}: {e}"[:200]
    secs = time.perf_counter() - t0
    errors = [i for i, c in enumerate(d.cells) if c.cell_type == "code" and any(o.get("output_type") == "error" for o in c.get("outputs", []))]
    if errors and status == "ok": status = "error"
    cell_secs = []
    for i, c in enumerate(d.cells):
        ex = c.get("metadata", {}).get("execution", {})
        a, b = ex.get("iopub.execute_input"), ex.get("shell.execute_reply")
        if a and b:
            from datetime import datetime
            f = lambda s: datetime.fromisoformat(s.replace("Z", "+00:00"))
            cell_secs.append((round((f(b) - f(a)).total_seconds(), 2), i))
    if save and status == "ok":
        for c in d.cells: c.get("metadata", {}).pop("execution", None)
        for i, outs in kept.items():   # full-size cells skipped (FULL off): keep the outputs of their last full run
            if not d.cells[i].get("outputs"): d.cells[i]["outputs"] = outs
        tmp = nb.with_suffix(".ipynb.tmp"); nbformat.write(d, tmp); os.replace(tmp, nb)
        open_clean(nb)
        subprocess.run([str(Path(sys.executable).parent / "nbdev_clean"), "--fname", str(nb)], cwd=ROOT, check=True)
    return {"notebook": nb.name, "seconds": round(secs, 1), "kernel_cpu_s": None if cpu is None else round(cpu, 1), "status": status, "error_cells": errors,
            "slowest_cells": sorted(cell_secs, reverse=True)[:3], "load_before": round(load0, 2), "load_after": round(os.getloadavg()[0], 2)}


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("names", nargs="*", help="notebook name prefixes (default: all)")
    ap.add_argument("--timeout", type=int, default=600, help="per-cell timeout, s")
    ap.add_argument("--docs", action="store_true", help="docs mode: STATPHYS_NB_DOCS=1 and TQDM_DISABLE=1 in the kernel")
    ap.add_argument("--full", action="store_true", help="FULL runs: STATPHYS_NB_FLAGS=slow in the kernel")
    ap.add_argument("--save", action="store_true", help="write the executed notebooks back (then nbdev_clean)")
    ap.add_argument("--open-clean", action="store_true", help="no execution: add the python3 kernelspec and drop live-widget outputs")
    ap.add_argument("--out", default=str(ROOT / "bench" / "results" / "runall.json"))
    a = ap.parse_args(argv)
    os.environ.setdefault("PYTHONPATH", str(ROOT))   # the kernel imports this tree's statphys_nb
    if a.docs: os.environ.update(STATPHYS_NB_DOCS="1", TQDM_DISABLE="1")
    if a.full: os.environ["STATPHYS_NB_FLAGS"] = (os.environ.get("STATPHYS_NB_FLAGS", "") + " slow").strip()
    if a.open_clean:
        changed = [nb.name for nb in _pick(a.names) if open_clean(nb)]
        print(f"{len(changed)} notebooks changed: {changed}"); return 0
    rows = []
    for nb in _pick(a.names):
        r = run_one(nb, a.timeout, a.save); rows.append(r)
        print(f"{r['notebook']:40s} {r['seconds']:7.1f} s  (kernel CPU {r['kernel_cpu_s']} s)  {r['status']:8s} load {r['load_before']:.1f}->{r['load_after']:.1f}  "
              f"slowest cells {r['slowest_cells']}", flush=True)
    res = {"cpus": os.cpu_count(), "docs": a.docs, "full": a.full, "time": time.strftime("%Y-%m-%dT%H:%M:%S"), "rows": rows}
    out = Path(a.out); out.parent.mkdir(parents=True, exist_ok=True)
    if out.exists() and a.names:   # partial run: merge into the previous table
        old = json.loads(out.read_text()); keep = {r["notebook"]: r for r in old.get("rows", [])}
        keep.update({r["notebook"]: r for r in rows}); res["rows"] = [keep[k] for k in sorted(keep)]
    tmp = out.with_suffix(".tmp"); tmp.write_text(json.dumps(res, indent=1)); os.replace(tmp, out)
    over = [r["notebook"] for r in rows if r["seconds"] >= 60 or r["status"] != "ok"]
    print(f"{len(rows)} notebooks, {len(over)} over 60 s or failing: {over}")
    return 1 if over else 0


if __name__ == "__main__":
    sys.exit(main())
