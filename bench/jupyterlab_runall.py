"""Run All timing in a real JupyterLab: every chapter through JupyterLab's own `Run All Cells`, in headless Chromium.

    python bench/jupyterlab_runall.py                          # every notebook in nbs/
    python bench/jupyterlab_runall.py 31_replica_ridge 91      # notebooks whose name starts with these prefixes
    python bench/jupyterlab_runall.py --timeout 300 --out /tmp/lab.json 02_vis

The same mechanism as tests/test_jupyterlab.py (its functions are imported, not copied): JupyterLab on 127.0.0.1 with a
random token over a temporary folder holding the tutorial copies of the chapters (`statphys_nb.cli.tutorial_notebook`,
what `statphys-nb tutorials` writes), the kernel importing this checkout (PYTHONPATH), default settings (no
STATPHYS_NB_DOCS / STATPHYS_NB_FLAGS / TQDM_DISABLE), one kernel at a time (deleted after each chapter). For each chapter:
`notebook:run-all-cells`, wait until the kernel is idle with every code cell counted (or an error output, or the cap:
then a timeout is recorded and the next chapter runs); where the chapter calls `slider_plot`, its last live slider is
moved one step with the keyboard and the time until the figure changed is recorded (as the test does). The wall time of
Run All runs from the command to the last cell (the kernel is already started). Results go to
bench/results/jupyterlab_runall.json (atomically; rows of chapters not run this time are kept), a table to stdout.
Every process started (JupyterLab, its kernels, chromedriver, Chromium) is stopped at the end, also on Ctrl-C / SIGTERM.
Needs Debian's chromium + chromium-driver (`.ci/run` installs them). Target (issue 19): every chapter under 60 s on a
quiet 2-core machine; a slider move redraws in under 1 s.
"""
import argparse, json, os, signal, sys, time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests")); sys.path.insert(0, str(ROOT / "bench"))
import test_jupyterlab as T                      # noqa: E402 (the test's JupyterLab server, Run All and slider helpers)
from conftest import chromium_paths, headless_chromium  # noqa: E402
from runall import _pick                          # noqa: E402 (same notebook selection as bench/runall.py)

OUT = ROOT / "bench" / "results" / "jupyterlab_runall.json"


def _has_slider(nb:Path) -> bool:
    "Does a code cell of the chapter call slider_plot (a live slider after Run All)?"
    d = json.loads(nb.read_text(encoding="utf-8"))
    src = lambda c: "".join(c["source"]) if isinstance(c["source"], list) else c["source"]
    return any(c["cell_type"] == "code" and "slider_plot(" in src(c) and "def slider_plot(" not in src(c) for c in d["cells"])


def _load(): return round(os.getloadavg()[0], 2)


def chapter(drv, base, token, nb:Path, timeout:int) -> dict:
    "Run All one chapter in the open browser; returns its row (never raises but for KeyboardInterrupt)."
    name, slider = nb.stem, _has_slider(nb)
    row = {"load_before": _load(), "has_slider": slider}
    t0 = time.perf_counter()
    try:
        r, st = T.run_all(drv, base, token, name, timeout=timeout)
        row.update(r)
        if st["errors"]: row["errors"] = [f"cell {i}: {'; '.join(e)}"[:300] for i, e in st["errors"]]
    except TimeoutError as e:
        if "Run All" not in str(e): row["error"] = f"TimeoutError: {e}"[:300]   # the notebook or its kernel did not come up
        else:
            row.update(timeout=True, run_all_s=None)
            try:
                st = drv.execute_script(T._STATE)
                row.update(code_cells=st["n"], cells_done=sum(c is not None for c in st["counts"]))
            except Exception: pass
    except Exception as e:
        row["error"] = f"{type(e).__name__}: {e}"[:300]
    if slider and "run_all_s" in row and row["run_all_s"] is not None and not row.get("errors"):
        try:
            row["redraw_s"] = T.move_slider(drv, name)
            st = drv.execute_script(T._STATE)
            if st["errors"]: row["errors"] = [f"after the slider move, cell {i}: {'; '.join(e)}"[:300] for i, e in st["errors"]]
        except Exception as e:
            row["slider_error"] = f"{type(e).__name__}: {e}"[:300]
    row["wall_s"] = round(time.perf_counter() - t0, 1)
    row["load_after"] = _load()
    return row


def _write(rows:dict, out:Path):
    out.parent.mkdir(parents=True, exist_ok=True)
    old = json.loads(out.read_text()) if out.exists() else {}
    old.update(rows)
    tmp = out.with_suffix(".tmp"); tmp.write_text(json.dumps(old, indent=1, sort_keys=True) + "\n"); os.replace(tmp, out)


def _fmt(row):
    ra = row.get("run_all_s")
    ra = f"{ra:8.1f}" if ra is not None else (" timeout" if row.get("timeout") else "       -")
    rd = f"{row['redraw_s']:7.2f}" if "redraw_s" in row else ("   fail" if "slider_error" in row else "      -")
    note = "; ".join(row[k] if isinstance(row[k], str) else row[k][0] for k in ("error", "errors", "slider_error") if k in row)
    if row.get("timeout") and "cells_done" in row: note = f"{row['cells_done']}/{row['code_cells']} cells done" + (f"; {note}" if note else "")
    return f"{ra} {rd}  {row['load_before']:5.2f}->{row['load_after']:5.2f}  {note}"


def _sigterm(*_): raise KeyboardInterrupt("SIGTERM")


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("names", nargs="*", help="notebook name prefixes (default: every notebook in nbs/)")
    ap.add_argument("--timeout", type=int, default=180, help="cap on one chapter's Run All, s (default 180)")
    ap.add_argument("--out", type=Path, default=OUT, help=f"results JSON (default {OUT.relative_to(ROOT)})")
    a = ap.parse_args(argv)
    if a.timeout <= 0: ap.error(f"--timeout={a.timeout} is invalid: expected a positive number of seconds")
    if chromium_paths() is None: raise SystemExit("needs Debian's chromium and chromium-driver (apt-get install chromium chromium-driver)")
    nbs = _pick(a.names)
    # SIGTERM as Ctrl-C, so that the `with` blocks below stop JupyterLab, the kernels and the browser
    signal.signal(signal.SIGTERM, _sigterm)
    rows, t_all = {}, time.perf_counter()
    print(f"{'chapter':36s} {'Run All s':>9s} {'redraw s':>8s}  load 1-min before->after", flush=True)
    try:
        with T.jupyterlab_server([p.stem for p in nbs]) as (base, token, _work), \
             headless_chromium("1400,1000", page_load_timeout=120) as drv:
            drv.set_script_timeout(60)
            for nb in nbs:
                try: rows[nb.stem] = chapter(drv, base, token, nb, a.timeout)
                finally:
                    try: T.delete_kernels(base, token)   # one kernel at a time
                    except Exception: pass
                print(f"{nb.stem:36s} {_fmt(rows[nb.stem])}", flush=True)
    finally:
        if rows:
            stamp = time.strftime("%Y-%m-%dT%H:%M:%S")
            for r in rows.values(): r.update(omp_num_threads=os.environ.get("OMP_NUM_THREADS"), cpus=os.cpu_count(), time=stamp)
            _write(rows, a.out)
    done = [r["run_all_s"] for r in rows.values() if r.get("run_all_s") is not None]
    slow = [n for n, r in rows.items() if r.get("timeout") or (r.get("run_all_s") or 0) > 60]
    bad = [n for n, r in rows.items() if r.get("errors") or r.get("error") or r.get("slider_error")]
    print(f"\n{len(rows)} chapters in {time.perf_counter() - t_all:.0f} s; Run All total {sum(done):.0f} s"
          + (f", median {sorted(done)[len(done) // 2]:.1f} s" if done else "")
          + f"; over 60 s or timed out: {slow or 'none'}; errors: {bad or 'none'}; results in {a.out}")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
