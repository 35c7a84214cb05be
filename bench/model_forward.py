"""Cost of the models' input validation (issues 16 and 23) on the training hot path, side by side in one run.

Two configurations, each in fresh interpreters, interleaved (alternated each round) so machine load hits both alike:
  - `plain`: the models' public boundary as before the validation work: `BaseModel._check_input` only checks the last
    dimension and casts the dtype, and no annotation types are checked (STATPHYS_NB_TYPECHECK=0);
  - `checked`: the package as shipped: `_check_input` checks type, shape, emptiness and finiteness (one reduction per
    public call; skipped inside torch.func transforms) and the public methods check their annotated types (beartype).
Measured in each interpreter:
  - `replica_gradient_s`: a small gradient-ERM simulation, `ReplicaSimulation.run` with a `SoftCommitteeMachine` student
    (k = 2) and the square loss, d = 100, 3 α values, 2 seeds (below 4 seeds the engine loops over the students: every
    Adam step calls each model's forward, so the check runs on every step), optimizer 'adam', max_iter = 400 steps;
  - `train_vmap_s`: `train_students` with 4 seeds (the engine's vectorized torch.func path: the check is skipped there);
  - `forward_us`: the median time of one forward call of a `LinearRegression` and a `SoftCommitteeMachine` on a
    [200, 100] batch (no grad).
Target: `checked` within 3 % of `plain` on the simulation runs.

Run:  python bench/model_forward.py [--rounds 3]   -> bench/results/model_forward.json (atomically)
"""
import argparse, json, os, platform, subprocess, sys, tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

CHILD = r'''
import json, sys, time, warnings
import numpy as np, torch
torch.set_num_threads(1); warnings.simplefilter("ignore")
mode = sys.argv[1]
import statphys_nb.model as M
from statphys_nb.model.base import BaseModel
if mode == "plain":   # the input gate as it was: last dimension and dtype only
    def _old(self, x, name="x", ndim=None, cast=True):
        if not isinstance(x, torch.Tensor): x = torch.as_tensor(np.asarray(x), dtype=torch.get_default_dtype())
        if x.shape[-1] != self.d: raise ValueError(f"x has last dimension {x.shape[-1]}, expected d={self.d}")
        p = next(self.parameters(), None)
        return x.to(p.dtype) if p is not None and x.dtype != p.dtype and x.is_floating_point() else x
    BaseModel._check_input = _old
from statphys_nb.simulation import SimulationConfig, ReplicaSimulation
from statphys_nb.simulation.replica import train_students
from statphys_nb.dataset import GaussianDataset
from statphys_nb.loss import MSELoss
out = {}
def sim():
    cfg = SimulationConfig(n_seeds=2, alpha_values=[1.0, 2.0, 3.0], optimizer="adam", lr=0.01, max_iter=400, tol=1e-12, patience=400,
                           verbose=False, use_theory=False)
    t0 = time.perf_counter()
    ReplicaSimulation(cfg).run(GaussianDataset(d=100, rho=1.0, eta=0.1), model_class=M.SoftCommitteeMachine, loss_fn=MSELoss(), progress_bar=False)
    return time.perf_counter() - t0
sim(); out["replica_gradient_s"] = min(sim() for _ in range(2))
def vm():
    torch.manual_seed(0); S, n, d = 4, 200, 100
    X = torch.randn(S, n, d, dtype=torch.float64); y = torch.randn(S, n, dtype=torch.float64)
    models = [M.SoftCommitteeMachine(d, k=2).double() for _ in range(S)]
    t0 = time.perf_counter(); info = train_students(models, X, y, MSELoss(), "adam", 0.01, 400, 1e-12, 400)
    assert info["vectorized"], "the vectorized path was not taken"
    return time.perf_counter() - t0
vm(); out["train_vmap_s"] = min(vm() for _ in range(2))
X = torch.randn(200, 100)
for name, m in (("linear", M.LinearRegression(100)), ("soft_committee", M.SoftCommitteeMachine(100, k=2))):
    ts = []
    with torch.no_grad():
        for _ in range(2000):
            t0 = time.perf_counter(); m(X); ts.append(time.perf_counter() - t0)
    out[f"forward_{name}_us"] = 1e6 * float(np.median(ts[200:]))
print("RESULT " + json.dumps(out))
'''


def run_child(mode, py):
    env = dict(os.environ, PYTHONPATH=str(ROOT), OMP_NUM_THREADS="1", MKL_NUM_THREADS="1")
    if mode == "plain": env["STATPHYS_NB_TYPECHECK"] = "0"
    else: env.pop("STATPHYS_NB_TYPECHECK", None)
    r = subprocess.run([py, "-c", CHILD, mode], capture_output=True, text=True, env=env, timeout=1800)
    line = next((l for l in r.stdout.splitlines() if l.startswith("RESULT ")), None)
    if line is None: raise RuntimeError(f"{mode} child failed:\n{r.stderr[-3000:]}")
    return json.loads(line[7:])


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--out", default=str(ROOT / "bench" / "results" / "model_forward.json"))
    a = ap.parse_args()
    modes, runs = ("plain", "checked"), {"plain": [], "checked": []}
    for r in range(a.rounds):
        for mode in (modes if r % 2 == 0 else modes[::-1]):
            res = run_child(mode, sys.executable); runs[mode].append(res); print(r, mode, res, flush=True)
    best = {m: {k: min(x[k] for x in runs[m]) for k in runs[m][0]} for m in modes}
    ratio = {k: best["checked"][k] / best["plain"][k] for k in best["plain"]}
    load = os.getloadavg()
    out = dict(what=__doc__.splitlines()[0], machine=dict(python=platform.python_version(), cpu=platform.processor() or platform.machine(),
               cpus=os.cpu_count(), loadavg_at_end=[round(x, 2) for x in load]), rounds=a.rounds, runs=runs, best=best,
               ratio_checked_over_plain={k: round(v, 4) for k, v in ratio.items()},
               target="simulation runs (replica_gradient_s, train_vmap_s) within 3 % of plain")
    for k, v in ratio.items(): print(f"{k:28s} plain {best['plain'][k]:10.4f}  checked {best['checked'][k]:10.4f}  ratio {v:.3f}")
    p = Path(a.out); p.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.NamedTemporaryFile("w", dir=p.parent, delete=False, suffix=".tmp") as f: json.dump(out, f, indent=1); tmp = f.name
    os.replace(tmp, p)


if __name__ == "__main__": main()
