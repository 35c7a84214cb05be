"""Live-slider redraw time of a chapter (issue 19), measured in a real Jupyter kernel.

The chapter's code cells run top to bottom in a fresh `python3` kernel (not in docs mode, so `slider_plot` builds the
live `ipywidgets.interactive` only), with `statphys_nb.vis._live` wrapped to keep the widget it returns. Then each
slider of the chapter's live widget(s) is moved to every other position in turn, and the time of the assignment
`slider.value = v` is recorded: ipywidgets runs the update callback synchronously, exactly as a slider release in
JupyterLab does (the callback computes the figure, renders it and displays the PNG); the transfer to the browser is
not included. Only first visits count (a revisited value is served from the slider's PNG cache).

Run:  python bench/slider_redraw.py 26_model [--notebook PATH] [--label after]
      -> bench/results/slider_redraw.json (one entry per chapter and label, written atomically)
"""
import argparse, json, os, platform, tempfile, time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

SETUP = r'''
import statphys_nb.vis as _V
_captured = []
_orig_live = _V._live
def _capturing_live(*a, **k):
    r = _orig_live(*a, **k); _captured.append(r); return r
_V._live = _capturing_live
'''

MEASURE = r'''
import time as _t, json as _j
_res = []
for _w, _cache in _captured:
    for _s in [c for c in _w.children if hasattr(c, "options")]:
        _vals = [v for _, v in _s.options]
        for _v in _vals[1:] + _vals[:1]:
            if _v == _s.value: continue
            _t0 = _t.perf_counter(); _s.value = _v; _res.append({"slider": _s.description, "value": repr(_v), "seconds": _t.perf_counter() - _t0})
print("RESULT " + _j.dumps(_res))
'''


def code_cells(path):
    nb = json.loads(Path(path).read_text())
    for c in nb["cells"]:
        if c["cell_type"] != "code": continue
        s = "".join(c["source"])
        if s.lstrip().startswith("#| hide") and "nbdev_export" in s: continue
        yield s


def run(chapter, notebook, timeout=600):
    from jupyter_client.manager import start_new_kernel
    env = dict(os.environ, PYTHONPATH=str(ROOT), OMP_NUM_THREADS=os.environ.get("OMP_NUM_THREADS", "1"), MPLBACKEND="module://matplotlib_inline.backend_inline")
    env.pop("STATPHYS_NB_DOCS", None)
    km, kc = start_new_kernel(kernel_name="python3", env=env, cwd=str(Path(notebook).parent))
    try:
        def execute(code):
            msg_id = kc.execute(code, store_history=False); out = []
            while True:
                m = kc.get_iopub_msg(timeout=timeout)
                if m["parent_header"].get("msg_id") != msg_id: continue
                t, c = m["msg_type"], m["content"]
                if t == "stream": out.append(c["text"])
                if t == "error": raise RuntimeError(f"cell failed: {c['ename']}: {c['evalue']}\n{code[:300]}")
                if t == "status" and c["execution_state"] == "idle": return "".join(out)
        execute(SETUP)
        t0 = time.perf_counter()
        for s in code_cells(notebook): execute(s)
        run_all = time.perf_counter() - t0
        line = next(l for l in execute(MEASURE).splitlines() if l.startswith("RESULT "))
        return run_all, json.loads(line[7:])
    finally:
        kc.stop_channels(); km.shutdown_kernel(now=True)


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("chapter"); ap.add_argument("--notebook", default=None); ap.add_argument("--label", default="current")
    ap.add_argument("--out", default=str(ROOT / "bench" / "results" / "slider_redraw.json"))
    a = ap.parse_args()
    nb = a.notebook or str(ROOT / "nbs" / f"{a.chapter}.ipynb")
    run_all, moves = run(a.chapter, nb)
    for m in moves: print(f"{m['slider']} -> {m['value']}: {m['seconds']:.3f} s")
    p = Path(a.out); data = json.loads(p.read_text()) if p.exists() else {}
    data[f"{a.chapter}:{a.label}"] = dict(moves=moves, max_seconds=max((m["seconds"] for m in moves), default=None),
                                          run_all_seconds=run_all, loadavg=[round(x, 2) for x in os.getloadavg()],
                                          python=platform.python_version(), cpus=os.cpu_count(), when=time.strftime("%Y-%m-%d %H:%M"))
    p.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.NamedTemporaryFile("w", dir=p.parent, delete=False, suffix=".tmp") as f: json.dump(data, f, indent=1); tmp = f.name
    os.replace(tmp, p)


if __name__ == "__main__": main()
