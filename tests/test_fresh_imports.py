"""Every exported module stands alone: it imports in a fresh interpreter, every name in its `__all__` resolves, and
every public plotting helper draws with its defaults on the Agg backend (so a name that only a notebook cell imports,
like `plt` in `fpe.visualize_flow` once was, fails here). Also the lint gate, where ruff is installed."""
import os, shutil, subprocess, sys
from pathlib import Path
import pytest

ROOT = Path(__file__).resolve().parents[1]
PKG = ROOT / "statphys_nb"

def _modules():
    "Dotted names of the package's modules, from the files (no import here)."
    out = []
    for p in sorted(PKG.rglob("*.py")):
        if p.name == "_modidx.py" or "__pycache__" in p.parts: continue
        parts = p.relative_to(ROOT).with_suffix("").parts
        out.append(".".join(parts[:-1] if p.name == "__init__.py" else parts))
    return out

def _fresh(code, timeout=180):
    "Run `code` in a new interpreter (Agg backend, this checkout first on the path); return the completed process."
    env = dict(os.environ, MPLBACKEND="Agg", PYTHONPATH=str(ROOT) + os.pathsep + os.environ.get("PYTHONPATH", ""),
               OMP_NUM_THREADS="1")
    return subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, timeout=timeout)

def test_modules_found(): assert len(_modules()) > 30

# One fresh interpreter imports the third-party libraries once (never `statphys_nb`), then forks a child per module that
# imports just that module: each child starts with no `statphys_nb` module loaded, so an import-order dependency or a
# name defined only in a notebook cell fails there, at the cost of one torch import in all.
FORKED = r"""
import importlib, os, sys, traceback
import numpy, scipy, scipy.special, scipy.integrate, scipy.optimize, scipy.stats, torch, matplotlib, fastcore.all
assert not any(k.startswith("statphys_nb") for k in sys.modules)
bad = []
for mod in sys.argv[1:]:
    r, w = os.pipe(); pid = os.fork()
    if pid == 0:
        os.close(r); msg = ""
        try:
            m = importlib.import_module(mod)
            assert m.__file__.startswith(os.environ["PKG"]), m.__file__
            missing = [n for n in getattr(m, "__all__", []) if not hasattr(m, n)]
            if missing: msg = f"__all__ names that do not resolve: {missing}"
        except BaseException: msg = traceback.format_exc(limit=-3)
        os.write(w, msg.encode()); os._exit(0)
    os.close(w); msg = b""
    while chunk := os.read(r, 65536): msg += chunk
    os.close(r); _, st = os.waitpid(pid, 0)
    if msg or st: bad.append(f"{mod}: {msg.decode() or f'child exit status {st}'}")
print(f"imported {len(sys.argv) - 1} modules; {len(bad)} failed")
for b in bad: print(b)
sys.exit(1 if bad else 0)
"""

def test_each_module_imports_alone():
    mods = _modules()
    env = dict(os.environ, MPLBACKEND="Agg", PYTHONPATH=str(ROOT), OMP_NUM_THREADS="1", PKG=str(PKG))
    r = subprocess.run([sys.executable, "-c", FORKED, *mods], cwd=ROOT, env=env, capture_output=True, text=True, timeout=600)
    assert r.returncode == 0 and f"imported {len(mods)} modules; 0 failed" in r.stdout, r.stdout[-4000:] + r.stderr[-2000:]

PLOTTING = r'''
import inspect, importlib, pkgutil, warnings
import numpy as np
import statphys_nb
warnings.simplefilter("ignore")
from statphys_nb.results import SimulationResult, TheoryResult

# every public plotting helper: public functions and public methods of public classes that take `ax` or are named *plot*/visualize*
helpers = {}
for info in pkgutil.walk_packages(statphys_nb.__path__, "statphys_nb."):
    m = importlib.import_module(info.name)
    for n in getattr(m, "__all__", []):
        obj = getattr(m, n)
        cands = [(n, obj)] if inspect.isfunction(obj) else []
        if inspect.isclass(obj) and obj.__module__.startswith("statphys_nb"):
            cands += [(f"{n}.{k}", v) for k, v in vars(obj).items() if not k.startswith("_") and inspect.isfunction(v)]
        for q, f in cands:
            try: ps = inspect.signature(f).parameters
            except (TypeError, ValueError): continue
            short = q.rsplit(".", 1)[-1]
            if "ax" in ps or "plot" in short or short.startswith("visualize"):
                helpers[f"{f.__module__}.{q}"] = f

def _sim(n=5, theory=True):
    a = np.linspace(0.5, 3, n); names = ["m", "q", "eg"]
    mean = np.stack([a/(1+a), a/(1+a)+0.1, 0.5/(1+a)], -1); sem = 0.01*np.ones_like(mean)   # [α, params], the peer's layout
    x = dict(alpha_values=a, order_param_names=names, order_params_mean=mean, order_params_std=sem*3, order_params_sem=sem)
    th = TheoryResult("replica", {"m": a/(1+a), "q": a/(1+a)+0.1, "eg": 0.5/(1+a)}, a) if theory else None
    return SimulationResult(x, th)

def _online(n=5):
    t = np.linspace(0, 3, n); names = ["m", "q", "eg"]
    mean = np.stack([1 - np.exp(-t), 1.1 - np.exp(-t), 0.5*np.exp(-t)], -1); sem = 0.01*np.ones_like(mean)
    x = dict(times=t, t_values=t, order_param_names=names, order_params_mean=mean, order_params_std=3*sem, order_params_sem=sem,
             trajectories_mean=mean, trajectories_std=3*sem, trajectories_sem=sem)
    return SimulationResult(x, TheoryResult("online", {"m": 1 - np.exp(-t), "q": 1.1 - np.exp(-t), "eg": 0.5*np.exp(-t)}, t))

x = np.linspace(0.5, 3, 6); y = np.linspace(0.1, 1, 5); Z = np.outer(y, x) + 0.1
def _flow():
    from statphys_nb.fpe.grid import Grid, FokkerPlanckGrid
    s = FokkerPlanckGrid(Grid([-2, -2], [2, 2], 16), potential=lambda X, Y: 0.5*(X**2 + Y**2))
    return (s, s.stationary()), {}
cases = {
 "statphys_nb.fpe.learning.visualize_flow": _flow,
 "statphys_nb.vis.ComparisonPlotter.plot_theory_vs_experiment": lambda: ((_sim(),), {}),
 "statphys_nb.vis.ComparisonPlotter.plot_generalization_error": lambda: ((_sim(),), {}),
 "statphys_nb.vis.ComparisonPlotter.plot_multiple_results": lambda: (({"a": _sim(), "b": _sim(theory=False)},), {}),
 "statphys_nb.vis.OrderParamPlotter.plot_vs_alpha": lambda: ((x, {"m": x/(1+x)}), {}),
 "statphys_nb.vis.OrderParamPlotter.plot_vs_time": lambda: ((x, {"q": x/(1+x)}), {}),
 "statphys_nb.vis.OrderParamPlotter.plot_with_std": lambda: ((x, {"m": x}, {"m": 0.1*x}), {}),
 "statphys_nb.vis.OrderParamPlotter.plot_from_result": lambda: ((_sim(),), {}),
 "statphys_nb.vis.PhaseDiagramPlotter.plot_heatmap": lambda: ((x, y, Z), {}),
 "statphys_nb.vis.PhaseDiagramPlotter.plot_contour": lambda: ((x, y, Z), {}),
 "statphys_nb.vis.PhaseDiagramPlotter.plot_phase_boundary": lambda: ((x, 1/x), {}),
 "statphys_nb.vis.PhaseDiagramPlotter.plot_critical_line": lambda: ((x, y, Z, 1.0), {}),
 "statphys_nb.vis.PhaseDiagramPlotter.plot_order_param_diagram": lambda: ((x, y, {"eg": Z, "m": Z/2}), {}),
 "statphys_nb.vis.PhaseDiagramPlotter.plot_critical_line_xy": lambda: ((x, 1/x), {}),
 "statphys_nb.vis.plot_generalization_error_alpha": lambda: ((x, 0.5/(1+x)), {"show": False}),
 "statphys_nb.vis.plot_generalization_error_time": lambda: ((x, 0.5/(1+x)), {"show": False}),
 "statphys_nb.vis.plot_order_params_alpha": lambda: ((x, x/(1+x), x/(1+x)+0.1, 0.5/(1+x)), {"show": False}),
 "statphys_nb.vis.plot_order_params_time": lambda: ((x, x/(1+x), x/(1+x)+0.1, 0.5/(1+x)), {"show": False}),
 "statphys_nb.vis.plot_from_replica_results": lambda: ((_sim(),), {"show": False}),
 "statphys_nb.vis.plot_from_online_results": lambda: ((_online(),), {"show": False}),
 "statphys_nb.vis.slider_plot": None,   # covered below with its own figure function
}
missing = sorted(set(helpers) - set(cases))
assert not missing, f"plotting helpers without a defaults case in tests/test_fresh_imports.py: {missing}"
import matplotlib
assert matplotlib.get_backend().lower() == "agg", matplotlib.get_backend()
for q, build in cases.items():
    if build is None: continue
    assert q in helpers, f"{q} is no longer a public plotting helper; update the cases"
    f = helpers[q]; args, kw = build()
    owner = q.rsplit(".", 2)[-2]
    if owner[0].isupper():                       # a method: call it on a default instance
        cls = getattr(importlib.import_module(q.rsplit(".", 2)[0]), owner)
        out = getattr(cls(), q.rsplit(".", 1)[-1])(*args, **kw)
    else: out = f(*args, **kw)
    assert out is not None, q
if "statphys_nb.vis.slider_plot" in helpers:
    import matplotlib.pyplot as plt
    def fig_of(a):
        fig, ax = plt.subplots(); ax.plot(x, a*x); return fig
    s = helpers["statphys_nb.vis.slider_plot"](fig_of, {"a": [1.0, 2.0]}, display_now=False)
    assert s is not None
print("drew", len([c for c in cases.values() if c]), "helpers")
'''

def test_plotting_helpers_draw_with_defaults():
    r = _fresh(PLOTTING, timeout=300)
    assert r.returncode == 0, r.stderr[-4000:]
    assert "drew" in r.stdout

@pytest.mark.skipif(shutil.which("ruff") is None and not (Path(sys.executable).parent / "ruff").exists(), reason="ruff not installed")
def test_lint_gate():
    exe = shutil.which("ruff") or str(Path(sys.executable).parent / "ruff")
    r = subprocess.run([exe, "check", "statphys_nb"], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert r.returncode == 0, r.stdout[-4000:] + r.stderr[-2000:]
