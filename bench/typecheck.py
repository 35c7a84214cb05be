"""Cost of checking types from the annotations with beartype (issue 23), side by side in one run.

Four configurations, each in fresh interpreters, interleaved (rotated each round) so machine load hits all alike:
  - `plain`: every module with its public boundary unwrapped (STATPHYS_NB_TYPECHECK=0; the explicit checks stay);
  - `shipped`: the package as shipped: the modules that call `typecheck_public` (FPE, thermo config, heavy-tail
    estimators/experiments, Dyson theory/training/RBM) check their public parameter types, the others do not;
  - `boundary`: `statphys_nb.utils.typecheck_public` applied to EVERY module after import: each public function and
    each public method/constructor of each exported class checks its parameter annotations with beartype (what the
    package does in the modules that call `typecheck_public`); private helpers, the hot inner functions, stay unwrapped,
    and so do the `check_*` validators of the package root (the validation path is never wrapped);
  - `claw`: the whole package, private helpers included, decorated by `beartype.claw.beartype_package("statphys_nb")`
    before the first import (for comparison: the heavy-handed way).
Both checked modes use `is_pep484_tower=True` (an int is accepted where a float is annotated, a numpy integer where an
int is) and raise `statphys_nb.ArgumentTypeError` (a TypeError naming the argument, the value and the hint).
Measured in each interpreter after the imports: the README quick start (`statphys_nb.cli.run_quickstart` with its
defaults, wall time) and the thermo monitor's `step` (median over steps on a 784-1024-256-10 MLP, batch 32, one thread).
Target: both within 3 % of `plain`. Besides the side-by-side times (noisy: fresh interpreters on a shared machine differ by
+-10 %), each checked mode also reports a load-independent estimate: the number of type-checked calls each workload makes
times the measured cost of one checked boundary (`checked_call_cost_us`), as a fraction of the workload's time. The checked modes also count, after the timings, the type-checked calls each workload
makes (`quickstart_checked_calls`, `monitor_step_checked_calls` per step): at about 1 µs each this bounds the overhead
independently of the machine's load.

Run:  python bench/typecheck.py [--rounds 3] [--steps 300] [--base REV] [--modes plain shipped ...]   -> bench/results/typecheck.json
With --base REV a fifth configuration `base` imports the package as it was at REV (a detached git worktree, removed after):
the cost of all the validation added since REV (explicit checks and type checks together), side by side in the same run.
"""
import argparse, json, os, platform, subprocess, sys, tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

CHILD = r'''
import json, os, sys, tempfile, time
mode, steps = sys.argv[1], int(sys.argv[2])
if mode == "claw":
    from beartype.claw import beartype_package
    from statphys_nb_typecheck_conf import conf
    beartype_package("statphys_nb", conf=conf())
import numpy as np, torch, torch.nn as nn
torch.set_num_threads(1)
import importlib, pkgutil
import statphys_nb
mods = [importlib.import_module(i.name) for i in pkgutil.walk_packages(statphys_nb.__path__, "statphys_nb.") if not i.name.endswith("_modidx")]
if mode == "boundary":   # every module imported first in every mode, so no mode pays imports inside a timed region
    from statphys_nb.utils import typecheck_public
    typecheck_public(vars(statphys_nb), exclude=tuple(n for n in statphys_nb.__all__ if n.startswith("check_")))  # validators: never wrapped
    for m in mods: typecheck_public(vars(m))
from statphys_nb.cli import run_quickstart
from statphys_nb.thermo import create_monitor
out = {}
qs = []
for _ in range(2):   # the best of two (the first also warms caches and numba's dispatch)
    t0 = time.perf_counter(); run_quickstart(tempfile.mkdtemp(), progress=False, verbose=False); qs.append(time.perf_counter() - t0)
out["quickstart_s"] = min(qs)
torch.manual_seed(0)
model = nn.Sequential(nn.Linear(784, 1024), nn.ReLU(), nn.Linear(1024, 256), nn.ReLU(), nn.Linear(256, 10))
opt = torch.optim.SGD(model.parameters(), lr=0.01); mon = create_monitor(model, optimizer=opt)
g = torch.Generator().manual_seed(1); data = [(torch.randn(32, 784, generator=g), torch.randint(0, 10, (32,), generator=g)) for _ in range(16)]
ts = []
for t in range(50 + steps):
    x, y = data[t % len(data)]
    opt.zero_grad(); loss = nn.functional.cross_entropy(model(x), y); loss.backward(); lv = loss.item()
    t1 = time.perf_counter(); mon.step(loss=lv); t2 = time.perf_counter(); opt.step()
    if t >= 50: ts.append(t2 - t1)
out["monitor_step_median_ms"] = 1e3 * float(np.median(ts)); out["monitor_step_mean_ms"] = 1e3 * float(np.mean(ts))
if mode != "plain":   # after the timings: how many type-checked calls each workload makes (load-independent; x ~1 us each)
    import cProfile, pstats
    def _checked_calls(pr): return sum(v[1] for k, v in pstats.Stats(pr).stats.items() if k[0].startswith("<@beartype"))
    pr = cProfile.Profile(); pr.enable(); run_quickstart(tempfile.mkdtemp(), progress=False, verbose=False); pr.disable()
    out["quickstart_checked_calls"] = _checked_calls(pr)
    pr = cProfile.Profile()
    for t in range(50):
        x, y = data[t % len(data)]
        opt.zero_grad(); loss = nn.functional.cross_entropy(model(x), y); loss.backward(); lv = loss.item()
        pr.enable(); mon.step(loss=lv); pr.disable(); opt.step()
    out["monitor_step_checked_calls"] = _checked_calls(pr) / 50
    # the cost of one type-checked boundary: a wrapped public function against the function it wraps, same arguments
    import timeit
    from statphys_nb.fpe.theory import kramers_rate   # four float parameters, each checked
    if getattr(kramers_rate, "__wrapped_by_typecheck__", False):
        n = 20000
        tw = min(timeit.repeat(lambda: kramers_rate(16.0, -8.0, 2.0, 0.2), number=n, repeat=5)) / n
        tr = min(timeit.repeat(lambda: kramers_rate.__wrapped__(16.0, -8.0, 2.0, 0.2), number=n, repeat=5)) / n
        out["checked_call_cost_us"] = 1e6 * (tw - tr)
        out["quickstart_overhead_est"] = out["quickstart_checked_calls"] * (tw - tr) / out["quickstart_s"]
        out["monitor_step_overhead_est"] = out["monitor_step_checked_calls"] * (tw - tr) / (1e-3 * out["monitor_step_median_ms"])
print("RESULT " + json.dumps(out))
'''

CONF = '''
def conf():
    "The beartype configuration the package would use (see bench/typecheck.py)."
    import numbers
    from beartype import BeartypeConf
    from statphys_nb.utils import _beartype_conf
    return _beartype_conf()
'''

def run(mode, steps, base_tree=None):
    "One fresh interpreter in `mode`; mode 'base' imports the package from `base_tree` (a checkout of --base), as shipped there."
    src = base_tree if mode == "base" else ROOT
    with tempfile.TemporaryDirectory() as d:
        Path(d, "statphys_nb_typecheck_conf.py").write_text(CONF)
        env = dict(os.environ, PYTHONPATH=os.pathsep.join([str(src), d]), OMP_NUM_THREADS="1", MPLBACKEND="Agg", TQDM_DISABLE="1",
                   PYTHONWARNINGS="ignore", STATPHYS_NB_TYPECHECK="0" if mode == "plain" else "1")
        r = subprocess.run([sys.executable, "-c", CHILD, mode, str(steps)], cwd=ROOT, env=env, capture_output=True, text=True, timeout=3600)
    line = [l for l in r.stdout.splitlines() if l.startswith("RESULT ")]
    if r.returncode or not line: raise RuntimeError(f"{mode} run failed:\n{r.stderr[-3000:]}")
    return json.loads(line[-1][7:])

def main(rounds=3, steps=300, out=ROOT / "bench/results/typecheck.json", base=None, modes=("plain", "shipped", "boundary", "claw")):
    import numpy as np
    modes = list(modes) + (["base"] if base else []); runs = {m: [] for m in modes}
    base_tree = None
    if base:   # the package as it was at `base` (e.g. before this session's validation work), imported from a detached worktree
        base_tree = Path(tempfile.mkdtemp(prefix="typecheck-base-")) / "tree"
        subprocess.run(["git", "worktree", "add", "-q", "--detach", str(base_tree), base], cwd=ROOT, check=True)
    try:
        for i in range(rounds):
            k = i % len(modes)
            for mode in modes[k:] + modes[:k]:
                runs[mode].append(run(mode, steps, base_tree)); print(mode, runs[mode][-1], flush=True)
    finally:
        if base_tree is not None: subprocess.run(["git", "worktree", "remove", "--force", str(base_tree)], cwd=ROOT)
    keys = ("quickstart_s", "monitor_step_median_ms", "monitor_step_mean_ms")
    med = {m: {k: float(np.median([r[k] for r in v])) for k in v[0]} for m, v in runs.items()}
    ratio = {m: {k: med[m][k] / med["plain"][k] for k in keys} for m in modes if m != "plain"} if "plain" in modes else {}
    ratio_base = {m: {k: med[m][k] / med["base"][k] for k in keys} for m in modes if m != "base"} if base else {}
    res = dict(what=__doc__.split("\n")[0], rounds=rounds, monitor_steps=steps, base=base, runs=runs, median=med, ratio_over_plain=ratio,
               ratio_over_base=ratio_base,
               target="ratio <= 1.03 for quickstart_s and monitor_step_median_ms",
               meets_target={m: {k: v <= 1.03 for k, v in r.items() if k in ("quickstart_s", "monitor_step_median_ms")} for m, r in ratio.items()},
               meets_target_over_base={m: {k: v <= 1.03 for k, v in r.items() if k in ("quickstart_s", "monitor_step_median_ms")} for m, r in ratio_base.items()},
               machine=dict(python=platform.python_version(), cpu_count=os.cpu_count(), load_avg=os.getloadavg()),
               beartype=__import__("beartype").__version__)
    out = Path(out); out.parent.mkdir(parents=True, exist_ok=True)
    tmp = out.with_suffix(".json.tmp"); tmp.write_text(json.dumps(res, indent=1)); tmp.replace(out)
    print(json.dumps(dict(median=med, ratio_over_plain=ratio, ratio_over_base=ratio_base), indent=1))

if __name__ == "__main__":
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--rounds", type=int, default=3); ap.add_argument("--steps", type=int, default=300)
    ap.add_argument("--base", default=None, help="also run the package as it was at this git revision (mode 'base'), e.g. the commit before the validation work")
    ap.add_argument("--modes", nargs="+", default=["plain", "shipped", "boundary", "claw"], choices=["plain", "shipped", "boundary", "claw"])
    ap.add_argument("--out", default=str(ROOT / "bench/results/typecheck.json"))
    a = ap.parse_args(); main(a.rounds, a.steps, out=a.out, base=a.base, modes=a.modes)
