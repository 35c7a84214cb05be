"""Worker of tests/test_fuzz.py: enumerates every public callable of `statphys_nb` (functions and classes from each
module's `__all__`, plus the public methods of public classes), builds one valid call of each (the *baseline*), then
calls it with one bad value at a time and writes one JSON line per call to stdout.

Run by the test as `python tests/fuzz_worker.py I J SEED PER_CALLABLE` (start at callable I, bad call J); the test kills it when one call runs past the
time or memory limit and restarts it at the next call. `python tests/fuzz_worker.py --list` prints the plan.

Outcomes: 'named' (ValueError/TypeError whose message names the argument), 'unnamed' (any other exception, or a
message without the name), 'nan' (a NaN/inf returned silently), 'accepted' (a clearly invalid value accepted with a
finite result), 'ignored_kw' (an unknown keyword accepted), and, decided by the test: 'hang', 'alloc'.
"""
import sys, os, io, re, json, time, math, inspect, importlib, pkgutil, random, warnings, tempfile, contextlib, dataclasses, enum
import numpy as np

warnings.simplefilter("ignore")
TMP = tempfile.mkdtemp(prefix="statphys-fuzz-")

# ---------------------------------------------------------------------------------------------------------------
# enumeration

SKIP = {  # callables not fuzzed, with the reason (each one a decision, reported by the test)
    "statphys_nb.cli.main": "the CLI entry point: parses sys.argv (its options are validated by argparse and tested in 54_cli)",
}
for _n in ("check_number check_positive check_nonneg check_prob check_int check_bool check_str check_choice check_instance "
           "check_callable check_optional check_kwargs check_array check_name check_path_inside check_writable_dir "
           "array_nbytes check_alloc").split():
    SKIP[f"statphys_nb.{_n}"] = "a validator of the one validation path: raising on a bad value is its job (tested in 00_core)"

def _skipped(qual):
    return next((why for k, why in SKIP.items() if qual == k or qual.startswith(k + ".")), None)

def _why_skip_obj(qual, o, kind):
    "A reason to skip an object that is fuzzed elsewhere, or None."
    cls = o[0] if kind == "method" else o
    if inspect.isclass(cls) and cls.__name__.startswith("Base") and any(issubclass(c, cls) for c in cls.__subclasses__()):
        return "abstract base class: its constructor and methods are fuzzed through the concrete subclasses"
    if kind == "function":
        ps = list(inspect.signature(o).parameters.values())
        if ps and ps[0].name == "self":
            return "the module-level copy of a method patched onto a class (fuzzed as that method)"
    return None

def public_callables():
    "[(module, qualified name, object, kind)] with kind in 'function', 'class', 'method'; deduplicated by identity."
    import statphys_nb
    names = ["statphys_nb"] + [i.name for i in pkgutil.walk_packages(statphys_nb.__path__, "statphys_nb.")]
    seen, out = set(), []
    for mn in sorted(names):
        if mn.endswith("_modidx"): continue
        m = importlib.import_module(mn)
        for n in getattr(m, "__all__", []):
            o = getattr(m, n, None)
            if o is None or id(o) in seen: continue
            if not (inspect.isfunction(o) or inspect.isclass(o)): continue
            home = getattr(o, "__module__", "") or ""
            if not home.startswith("statphys_nb"): continue
            seen.add(id(o))
            if inspect.isclass(o):
                if issubclass(o, BaseException): continue
                if issubclass(o, enum.Enum): continue
                out.append((home, f"{home}.{n}", o, "class"))
                for k, v in sorted(vars(o).items()):
                    if k.startswith("_"): continue
                    if isinstance(v, (staticmethod, classmethod)): v = v.__func__
                    if inspect.isfunction(v): out.append((home, f"{home}.{n}.{k}", (o, k), "method"))
            else: out.append((home, f"{home}.{n}", o, "function"))
    return out

# ---------------------------------------------------------------------------------------------------------------
# valid values

def _torch(): import torch; return torch

def _model():
    from statphys_nb.model import LinearRegression
    return LinearRegression(d=8)

def _net():
    torch = _torch(); torch.manual_seed(0)
    return torch.nn.Sequential(torch.nn.Linear(8, 6), torch.nn.Tanh(), torch.nn.Linear(6, 1))

def _dataset():
    from statphys_nb.dataset import GaussianDataset
    return GaussianDataset(d=8)

class F:
    "A value built fresh for each call (arrays, models, ...)."
    def __init__(self, make): self.make = make
    def __call__(self): return self.make()
ARR = lambda *s: np.random.default_rng(sum(s)).standard_normal(s)

# values by parameter name, tried when a parameter has no default (functions of the value are called fresh each time)
BY_NAME = {
    "d": 8, "dim": 8, "input_dim": 8, "n": 16, "N": 8, "k": 2, "K": 2, "M": 2, "n_samples": 16, "batch_size": 4,
    "alpha": 1.0, "rho": 1.0, "eta": 0.1, "lam": 0.1, "reg_param": 0.1, "t": 1.0, "lr": 0.05, "gamma": 0.5,
    "beta": 1.0, "q": 0.5, "m": 0.3, "V": 0.5, "omega": 0.3, "delta": 0.1, "value": 1.0, "c": 0.5, "r": 0.5, "s": 0.5,
    "a": 0.5, "x_min": 0.1, "stderr": 0.1, "phase": "train", "kind": "ridge", "method": "hill", "qu": 0.5,
    "x": F(lambda: np.linspace(-1.0, 1.0, 7)), "y": F(lambda: np.linspace(0.5, 1.5, 7)), "z": F(lambda: np.linspace(-1.0, 1.0, 7)),
    "v": F(lambda: np.linspace(0.5, 1.5, 7)), "values": F(lambda: np.linspace(0.5, 1.5, 7)), "times": F(lambda: np.linspace(0, 1, 5)),
    "alpha_values": F(lambda: np.linspace(0.5, 2.0, 4)), "eigs": F(lambda: np.sort(ARR(40))), "w": F(lambda: ARR(8)),
    "W": F(lambda: ARR(8, 8)), "W0": F(lambda: ARR(8)), "X": F(lambda: ARR(16, 8)), "Q": F(lambda: np.eye(2)), "R": F(lambda: 0.5 * np.eye(2)),
    "C": F(lambda: np.eye(2)), "S": F(lambda: np.eye(2)), "A": F(lambda: np.eye(2)), "Z": F(lambda: ARR(5, 6)), "edges": F(lambda: np.geomspace(1, 100, 6)),
    "t_span": (0.0, 1.0), "hidden_dims": (8,), "m0": 0.1, "v0": 1.0, "rho0": F(lambda: np.ones(16) / 16), "z0": F(lambda: ARR(32, 1)),
    "data": F(lambda: np.abs(ARR(200)) + 1.0), "f": F(lambda: (lambda x: x)), "fn": F(lambda: (lambda **kw: None)),
    "model": F(_model), "dataset": F(_dataset), "name": "gaussian", "path": F(lambda: os.path.join(TMP, "fuzz-out")),
    "root": F(lambda: TMP), "params": F(lambda: {"lr": 0.1}), "results": None,
    "loss_fn": F(lambda: __import__("statphys_nb.loss", fromlist=["RidgeLoss"]).RidgeLoss(0.1)),
    "model_class": F(lambda: __import__("statphys_nb.model", fromlist=["LinearRegression"]).LinearRegression),
    "equations": F(lambda: __import__("statphys_nb.theory.replica.ridge", fromlist=["x"]).GaussianLinearRidgeEquations()),
}

# per-callable overrides: qualified name -> dict of valid keyword values (F(...) values are built fresh per call)
def _grid1(): from statphys_nb.fpe.grid import Grid; return Grid(-3.0, 3.0, 24)
def _fp1():
    from statphys_nb.fpe.grid import FokkerPlanckGrid
    return FokkerPlanckGrid(_grid1(), potential=lambda x: x**2/2)
def _fp2():
    from statphys_nb.fpe.grid import Grid, FokkerPlanckGrid
    return FokkerPlanckGrid(Grid([-2.0, -2.0], [2.0, 2.0], 12), potential=lambda x, y: (x**2 + y**2)/2)
def _pfit():
    from statphys_nb.heavytail.estimators import fit_power_law
    return fit_power_law(np.random.default_rng(1).pareto(1.5, 400) + 1.0, min_tail=20)
def _sim_result(n=4):
    from statphys_nb.results import SimulationResult, TheoryResult
    a = np.linspace(0.5, 2.0, n); names = ["m", "q", "eg"]
    mean = np.stack([a/(1 + a), a/(1 + a) + 0.1, 0.5/(1 + a)], -1); sem = 0.01*np.ones_like(mean)   # [alpha, params]
    x = dict(alpha_values=a, order_param_names=names, order_params_mean=mean, order_params_std=3*sem, order_params_sem=sem)
    return SimulationResult(x, TheoryResult("replica", {"m": a/(1 + a), "q": a/(1 + a) + 0.1, "eg": 0.5/(1 + a)}, a))
def _write(path, text): open(path, "w").write(text); return path
def _fake_data(kind):
    "Tiny stand-ins for the MNIST / CIFAR-10 files in the formats the loaders read (the package never downloads)."
    import pickle
    d = os.path.join(TMP, kind); os.makedirs(d, exist_ok=True); r = np.random.default_rng(0)
    if kind == "mnist":
        np.savez(os.path.join(d, "mnist.npz"), x_train=r.integers(0, 255, (4, 28, 28), dtype=np.uint8), y_train=np.arange(4),
                 x_test=r.integers(0, 255, (2, 28, 28), dtype=np.uint8), y_test=np.arange(2))
    else:
        for f in [f"data_batch_{i}" for i in range(1, 6)] + ["test_batch"]:
            with open(os.path.join(d, f), "wb") as fh: pickle.dump({b"data": r.integers(0, 255, (2, 3072), dtype=np.uint8), b"labels": [0, 1]}, fh)
    return d

def _fake_released():
    "A `dyson_ts` folder in the released layout: <setting>/<seed>/*.npz with lr, batch_size, noise and W [runs, T, 2, 2]."
    d = os.path.join(TMP, "dyson_ts"); os.makedirs(os.path.join(d, "a", "s0"), exist_ok=True)
    np.savez(os.path.join(d, "a", "s0", "run.npz"), lr=0.1, batch_size=16, noise=0.1, W=ARR(3, 2, 2, 2))
    return d

def _fpd():
    from statphys_nb.fpe.learning import FokkerPlanckDynamics
    fd = FokkerPlanckDynamics(latent_dim=2, window=10); m = _net()
    for _ in range(5):
        for q in m.parameters(): q.data.add_(0.01*_torch().randn_like(q))
        fd.record(m)
    return fd
def _recorder():
    from statphys_nb.heavytail.experiments import ActivityRecorder
    torch = _torch(); lin = torch.nn.Linear(4, 3); r = ActivityRecorder(lin); lin(torch.randn(2, 4)); r(1, None, None)
    return r
_hit = lambda z: z[:, 0] >= -10.0   # every particle starts inside the target: no `inf` (not-hit) entries
def _net2():
    torch = _torch(); torch.manual_seed(0)
    return torch.nn.Sequential(torch.nn.Flatten(), torch.nn.Linear(8, 16), torch.nn.Tanh(), torch.nn.Linear(16, 2, bias=False))
_XY = lambda: (_torch().randn(32, 8), _torch().randint(0, 2, (32,), generator=_torch().Generator().manual_seed(0)))
_ARR7 = F(lambda: np.linspace(0.5, 1.5, 7))
_ZIPF = F(lambda: np.random.default_rng(0).pareto(1.5, 300) + 1.0)
OVERRIDES = {
    # FPE
    "statphys_nb.fpe.grid.Grid": dict(lo=-3.0, hi=3.0, n=24),
    "statphys_nb.fpe.grid.Reset": dict(time=1.0),
    "statphys_nb.fpe.grid.FokkerPlanckGrid": dict(grid=F(_grid1), potential=F(lambda: (lambda x: x**2/2))),
    "statphys_nb.fpe.grid.FokkerPlanckGrid.cell_flux": dict(rho=F(lambda: np.exp(-np.linspace(-3, 3, 24)**2))),
    "statphys_nb.fpe.grid.FokkerPlanckGrid.evolve": dict(rho0=F(lambda: np.ones(24)), times=F(lambda: np.array([0.0, 0.1]))),
    "statphys_nb.fpe.grid.FokkerPlanckGrid.propagate": dict(rho0=F(lambda: np.ones(24)), t0=0.0, t1=0.1),
    "statphys_nb.fpe.grid.FokkerPlanckGrid.mean_first_passage": dict(target=F(lambda: np.arange(24) > 20)),
    "statphys_nb.fpe.grid.FokkerPlanckGrid.operator_from_D": dict(d=F(lambda: [np.ones(23)])),
    "statphys_nb.fpe.grid.FokkerPlanckGrid.smooth": dict(rho=F(lambda: np.ones(24)), alpha=0.1),
    "statphys_nb.fpe.grid.FokkerPlanckGrid.flux": dict(rho=F(lambda: np.exp(-np.linspace(-3, 3, 24)**2))),
    "statphys_nb.fpe.grid.FokkerPlanckGrid.entropy_production": dict(rho=F(lambda: np.exp(-np.linspace(-3, 3, 24)**2))),
    "statphys_nb.fpe.grid.FokkerPlanckGrid.consolidation_ratio": dict(rho=F(lambda: np.exp(-np.linspace(-3, 3, 24)**2))),
    "statphys_nb.fpe.grid.Grid.cells": dict(f=F(lambda: np.ones(24))),
    "statphys_nb.fpe.grid.Grid.integrate": dict(f=F(lambda: np.ones(24))),
    "statphys_nb.fpe.grid.Grid.faces": dict(k=0),
    "statphys_nb.fpe.particles.ParticleFPE.step": dict(z=F(lambda: _torch().zeros(16, 1, dtype=_torch().float64)), t=0.0, dt=0.01),
    "statphys_nb.fpe.particles.ParticleFPE.evolve": dict(z0=F(lambda: np.zeros((16, 1))), times=F(lambda: np.array([0.0, 0.05])), dt=0.01),
    "statphys_nb.fpe.particles.ParticleFPE.first_passage": dict(z0=F(lambda: np.zeros((16, 1))), hit=F(lambda: _hit), t_max=0.2, dt=0.01),
    "statphys_nb.fpe.theory.effective_diffusion": dict(D=1.0, beta=0.1),
    "statphys_nb.fpe.theory.gaussian_kl": dict(m1=0.0, v1=1.0, m2=0.5, v2=2.0),
    "statphys_nb.fpe.theory.kramers_rate": dict(curv_min=16.0, curv_saddle=-8.0, barrier=2.0, D=0.2),
    "statphys_nb.fpe.theory.mfpt_1d": dict(U=F(lambda: (lambda x: x**2/2)), D=1.0, x0=0.0, b=1.0, lo=-2.0, n=201),
    "statphys_nb.fpe.theory.ou_density": dict(xx=_ARR7, t=1.0),
    "statphys_nb.fpe.theory.ou_cell_average": dict(edges=F(lambda: np.linspace(-2, 2, 9))),
    "statphys_nb.fpe.learning.FokkerPlanckLearning.diffusion": dict(t=1.0, fisher_info=F(lambda: np.eye(2))),
    "statphys_nb.fpe.learning.FokkerPlanckLearning.drift": dict(z=F(lambda: np.zeros(2)), loss_grad=F(lambda: np.ones(2)), rho_grad_entropy=F(lambda: np.ones(2))),
    "statphys_nb.fpe.learning.FokkerPlanckLearning.grid": dict(loss=F(lambda: (lambda x, y: x**2 + y**2)), loss_grad=F(lambda: (lambda x, y: (2*x, 2*y))), lo=[-1.0, -1.0], hi=[1.0, 1.0], n=8),
    "statphys_nb.fpe.learning.FokkerPlanckLearning.particles": dict(loss=F(lambda: (lambda z: (z**2).sum(1)))),
    "statphys_nb.fpe.learning.FokkerPlanckLearning.phase_transition_reset": dict(D=F(lambda: np.eye(2))),
    "statphys_nb.fpe.learning.FokkerPlanckLearning.scalar_diffusion": dict(t=1.0, grad_sq=_ARR7),
    "statphys_nb.fpe.learning.consolidation_ratio": dict(drift_norm=_ARR7, diffusion_grad_norm=_ARR7),
    "statphys_nb.fpe.learning.detect_transition": dict(consolidation_history=_ARR7),
    "statphys_nb.fpe.learning.kramers_moyal": dict(Z=F(lambda: np.cumsum(ARR(40, 2), 0))),
    "statphys_nb.fpe.learning.pca_project": dict(W=F(lambda: ARR(20, 6))),
    "statphys_nb.fpe.learning.simulate_fpe": dict(z0=F(lambda: np.zeros((8, 1))), loss=F(lambda: (lambda z: (z**2).sum(1))), t_span=(0.0, 0.05), n_saves=2, dt=0.01),
    "statphys_nb.fpe.learning.split_digits_continual": dict(resets=True, steps_per_task=12, hidden=4),
    "statphys_nb.fpe.learning.train_digits_mlp": dict(steps=5, hidden=4),
    "statphys_nb.fpe.learning.visualize_flow": dict(solver=F(_fp2), rho=F(lambda: np.ones((12, 12)) + np.eye(12))),
    "statphys_nb.fpe.learning.FokkerPlanckDynamics.record": dict(model=F(_net)),
    "statphys_nb.fpe.learning.FokkerPlanckDynamics.apply_reset": dict(model=F(_net)),
    "statphys_nb.fpe.learning.FokkerPlanckDynamics.langevin_step": dict(model=F(_net)),
    "statphys_nb.fpe.checks.two_well_flow": dict(n=8, n_particles=40, t=0.2),
    # thermo config
    "statphys_nb.thermo.config.PhaseRule": dict(phase="CRYSTAL", when=("delta < 0.1",)),
    "statphys_nb.thermo.config.NeurothermoConfig.classify": dict(metrics=F(lambda: {"delta": 0.05})),
    "statphys_nb.thermo.config.NeurothermoConfig.from_dict": dict(data=F(lambda: {"core": {"window_size": 20}})),
    "statphys_nb.thermo.config.to_toml": dict(self=F(lambda: __import__("statphys_nb.thermo.config", fromlist=["x"]).NeurothermoConfig())),
    # heavy-tail
    "statphys_nb.heavytail.estimators.TailCurve": dict(k=F(lambda: np.arange(1, 6)), gamma=F(lambda: np.linspace(0.5, 1, 5)), gamma_stderr=F(lambda: np.full(5, 0.1)), method="hill"),
    "statphys_nb.heavytail.estimators.TailCurve.at": dict(k=2),
    "statphys_nb.heavytail.estimators.PowerLawFit": dict(alpha=2.5, stderr=0.1, x_min=1.0, n_tail=50, n=100, ks=0.05),
    "statphys_nb.heavytail.estimators.PowerLawFit.ccdf": dict(x=F(lambda: np.linspace(2, 5, 5))),
    "statphys_nb.heavytail.estimators.StableIndex": dict(alpha=1.5, beta=0.0, nu_alpha=3.0, nu_beta=0.0, at_boundary=False),
    "statphys_nb.heavytail.estimators.TailEstimate": dict(alpha=2.0, stderr=0.1, k=5, method="hill"),
    "statphys_nb.heavytail.estimators.fit_power_law": dict(x=_ZIPF, min_tail=20, max_candidates=20),
    "statphys_nb.heavytail.estimators.moment_curve": dict(x=_ZIPF),
    "statphys_nb.heavytail.estimators.pickands": dict(x=_ZIPF, k=10),
    "statphys_nb.heavytail.estimators.pickands_curve": dict(x=_ZIPF),
    "statphys_nb.heavytail.estimators.hill": dict(x=_ZIPF, k=10),
    "statphys_nb.heavytail.estimators.hill_curve": dict(x=_ZIPF),
    "statphys_nb.heavytail.estimators.moment": dict(x=_ZIPF, k=10),
    "statphys_nb.heavytail.estimators.sample_power_law": dict(alpha=2.5, x_min=1.0, size=10),
    "statphys_nb.heavytail.estimators.vuong_test": dict(x=_ZIPF, fit=F(_pfit)),
    "statphys_nb.heavytail.estimators.stable_index": dict(x=F(lambda: ARR(200))),
    "statphys_nb.heavytail.estimators.intervals_from_counts": dict(counts=F(lambda: np.array([0, 5, 3, 2, 1]))),
    "statphys_nb.heavytail.estimators.fit_intervals": dict(counts=F(lambda: np.r_[0, (400/np.arange(1, 60)**1.8).astype(int)]), min_tail=10),
    "statphys_nb.heavytail.estimators.kraskov_mi": dict(x=F(lambda: ARR(50)), y=F(lambda: ARR(50) + 1)),
    "statphys_nb.heavytail.estimators.mi_test": dict(x=F(lambda: ARR(40)), y=F(lambda: ARR(40) + 1), n_shuffle=3),
    "statphys_nb.heavytail.experiments.ActivityRecorder": dict(layer=F(lambda: _torch().nn.Linear(4, 3))),
    "statphys_nb.heavytail.experiments.CharTransformer": dict(d_model=8, n_heads=2, n_layers=1, context=8),
    "statphys_nb.heavytail.experiments.CharTransformer.forward": dict(x=F(lambda: _torch().zeros(2, 8, dtype=_torch().long))),
    "statphys_nb.heavytail.experiments.density_per_log": dict(counts=F(lambda: np.array([1.0, 2, 3])), edges=F(lambda: np.array([1.0, 2, 4, 8]))),
    "statphys_nb.heavytail.experiments.make_text": dict(n_chars=200, n_words=20),
    "statphys_nb.heavytail.experiments.text_batches": dict(text=F(lambda: "abc def ghi jkl mno pqr"), context=4),
    "statphys_nb.heavytail.experiments.perturbation_response": dict(model=F(_net2), X=F(lambda: _XY()[0]), Y=F(lambda: _XY()[1]), delta=0.01, n_trials=5),
    "statphys_nb.heavytail.experiments.train_tracked": dict(model=F(_net2), data=F(lambda: (*_XY(), *_XY())), steps=6, window=3, hill_k=5, batch_size=8, progress_bar=False),
    "statphys_nb.heavytail.experiments.tail_index_sweep": dict(make_model=F(lambda: _net2), data=F(lambda: (*_XY(), *_XY())), batch_sizes=(8,), steps=6, window=3, hill_k=5),
    # Dyson
    "statphys_nb.dyson.rbm.rbm_fixed_point": dict(mu=2.0),
    "statphys_nb.dyson.training.load_released": dict(folder=F(_fake_released)),
    "statphys_nb.dyson.rbm.train_gaussian_rbm": dict(n_steps=20, n_runs=8, record_every=10),
    "statphys_nb.dyson.training.train_teacher_student": dict(n_runs=8, n_steps=20),
    "statphys_nb.dyson.training.spacing_sweep": dict(settings=[(0.1, 4, 0.01)], n_runs=8, n_steps=10),
    "statphys_nb.dyson.training.fit_spacing_slope": dict(x=F(lambda: np.array([0.1, 0.2, 0.3])), S=F(lambda: np.abs(ARR(3, 40)) * np.array([[1], [2], [3]]))),
    "statphys_nb.dyson.training.singular_spacing": dict(W=F(lambda: ARR(5, 2, 2))),
    "statphys_nb.dyson.theory.sgd_stationary_variance": dict(lr=0.1, A=0.01, batch_size=16),
    "statphys_nb.dyson.theory.sgd_mean_spacing": dict(lr=0.1, A=0.01, batch_size=16),
    "statphys_nb.dyson.theory.marchenko_pastur_density": dict(q=0.5),
    "statphys_nb.dyson.simulate.gbe_eigvals": dict(H=F(lambda: __import__("statphys_nb.dyson.simulate", fromlist=["x"]).gbe_sample(4, 3))),
    "statphys_nb.dyson.spectra.mean_r": dict(eigs=F(lambda: np.sort(ARR(10, 12), 1))),
    "statphys_nb.dyson.spectra.fit_temperature": dict(eigs=F(lambda: np.sort(ARR(10, 12), 1))),
    "statphys_nb.dyson.spectra.fit_marchenko_pastur": dict(eigs=F(lambda: np.linalg.eigvalsh(ARR(200, 50).T @ ARR(200, 50)/200))),
    # vis
    "statphys_nb.vis.offline_jshtml": dict(html="<div>frames</div>"),
    "statphys_nb.vis.StaticSlider": dict(html="<div>frames</div>", params=F(lambda: [{"a": 1}])),
    "statphys_nb.heavytail.experiments.load_mnist": dict(root=F(lambda: _fake_data("mnist"))),
    "statphys_nb.heavytail.experiments.load_cifar10": dict(root=F(lambda: _fake_data("cifar"))),
    "statphys_nb.thermo.config.NeurothermoConfig.from_toml": dict(path=F(lambda: _write(os.path.join(TMP, "cfg.toml"), "[core]\nwindow_size = 20\n"))),
    "statphys_nb.vis.slider_plot": dict(fn=F(lambda: (lambda a: __import__("matplotlib.pyplot", fromlist=["x"]).figure())), grids=F(lambda: {"a": [1, 2]}), display_now=False, live=False),
    "statphys_nb.vis.ComparisonPlotter.plot_generalization_error": dict(results=F(_sim_result)),
    "statphys_nb.vis.ComparisonPlotter.plot_multiple_results": dict(results=F(lambda: {"a": _sim_result()})),
    "statphys_nb.vis.ComparisonPlotter.plot_theory_vs_experiment": dict(results=F(_sim_result)),
    "statphys_nb.vis.OrderParamPlotter.plot_from_result": dict(result=F(_sim_result)),
    "statphys_nb.vis.OrderParamPlotter.plot_vs_alpha": dict(alpha=_ARR7, values=F(lambda: {"m": np.linspace(0, 1, 7)})),
    "statphys_nb.vis.OrderParamPlotter.plot_vs_time": dict(t=_ARR7, values=F(lambda: {"m": np.linspace(0, 1, 7)})),
    "statphys_nb.vis.OrderParamPlotter.plot_with_std": dict(x=_ARR7, mean=F(lambda: {"m": np.linspace(0, 1, 7)}), sem=F(lambda: {"m": np.full(7, 0.1)})),
    "statphys_nb.vis.PhaseDiagramPlotter.plot_contour": dict(x=F(lambda: np.linspace(0.5, 3, 6)), y=F(lambda: np.linspace(0.1, 1, 5)), Z=F(lambda: ARR(5, 6)**2 + 0.1)),
    "statphys_nb.vis.PhaseDiagramPlotter.plot_heatmap": dict(x=F(lambda: np.linspace(0.5, 3, 6)), y=F(lambda: np.linspace(0.1, 1, 5)), Z=F(lambda: ARR(5, 6)**2 + 0.1)),
    "statphys_nb.vis.PhaseDiagramPlotter.plot_critical_line": dict(x=F(lambda: np.linspace(0.5, 3, 6)), y=F(lambda: np.linspace(0.1, 1, 5)), Z=F(lambda: np.outer(np.linspace(0.1, 1, 5), np.linspace(0.5, 3, 6))), level=0.5),
    "statphys_nb.vis.PhaseDiagramPlotter.plot_order_param_diagram": dict(x=F(lambda: np.linspace(0.5, 3, 6)), y=F(lambda: np.linspace(0.1, 1, 5)), fields=F(lambda: {"eg": ARR(5, 6)**2})),
    # utils
    "statphys_nb.utils.gaussian_expectation_2d": dict(f=F(lambda: (lambda u, v: u*v)), cov=F(lambda: np.array([[1.0, 0.5], [0.5, 1.0]]))),
    "statphys_nb.utils.gaussian_expectation_nd": dict(f=F(lambda: (lambda X: X[:, 0]**2)), cov=F(lambda: np.eye(2))),
    "statphys_nb.utils.teacher_student_expectation": dict(f=F(lambda: (lambda u, z: u*z))),
    "statphys_nb.utils.I3": dict(C=F(lambda: np.eye(3) + 0.1)),
    "statphys_nb.utils.I4": dict(C=F(lambda: np.eye(4) + 0.1)),
    # heavy defaults elsewhere: small valid sizes keep the run short
    "statphys_nb.cli.run_quickstart": dict(d=20, alpha_steps=3, n_seeds=1, out=F(lambda: tempfile.mkdtemp(dir=TMP))),
}
# (callable, parameter) -> labels of mutations that are valid values there (each one a documented meaning, not a waiver)
NOT_INVALID = {
    ("statphys_nb.fpe.grid.Grid.faces", "k"): {"zero"},                          # axis index 0
    ("statphys_nb.fpe.checks.two_well_flow", "n_particles"): {"zero"},           # documented: 0 = grid only
    ("statphys_nb.fpe.particles.ParticleFPE.evolve", "z0"): {"shape"},           # any number of particles
    ("statphys_nb.fpe.particles.ParticleFPE.first_passage", "z0"): {"shape"},
}

# instance factories for methods: class qualified name -> callable returning a ready instance
INSTANCES = {
    "statphys_nb.fpe.grid.FokkerPlanckGrid": _fp1,
    "statphys_nb.fpe.grid.Grid": _grid1,
    "statphys_nb.fpe.learning.FokkerPlanckDynamics": _fpd,
    "statphys_nb.heavytail.estimators.PowerLawFit": _pfit,
    "statphys_nb.heavytail.experiments.ActivityRecorder": _recorder,
}

def load_specs():
    """The spec files `tests/fuzz_specs/*.py`, each adding valid values for the callables of the modules it covers:
    OVERRIDES, NOT_INVALID, INSTANCES, BY_NAME and SKIP (merged into the tables above) and GATED (the modules that meet the
    full criterion, asserted by tests/test_fuzz.py). A spec file imports helpers with `from fuzz_worker import F, ARR, ...`."""
    import importlib.util, glob
    here = os.path.dirname(os.path.abspath(__file__))
    if here not in sys.path: sys.path.insert(0, here)
    sys.modules.setdefault("fuzz_worker", sys.modules[__name__])   # one set of helpers (F, ARR, ...) when run as a script
    mods = []
    for path in sorted(glob.glob(os.path.join(here, "fuzz_specs", "*.py"))):
        name = "fuzz_spec_" + os.path.splitext(os.path.basename(path))[0]
        if name in sys.modules: mods.append(sys.modules[name]); continue
        spec = importlib.util.spec_from_file_location(name, path); m = importlib.util.module_from_spec(spec)
        sys.modules[name] = m; spec.loader.exec_module(m); mods.append(m)
        for table in ("OVERRIDES", "NOT_INVALID", "INSTANCES", "BY_NAME", "SKIP"):
            clash = set(getattr(m, table, {})) & set(globals()[table])
            if clash: raise RuntimeError(f"{path}: {table} entries defined twice: {sorted(map(str, clash))[:5]}")
            globals()[table].update(getattr(m, table, {}))
    return mods

def _resolve(v): return v() if isinstance(v, F) else v

def _params(f, keep_self=False):
    try: sig = inspect.signature(f)
    except (TypeError, ValueError): return None
    return [p for p in sig.parameters.values() if keep_self or p.name not in ("self", "cls")]

def baseline_call(qual, obj, kind):
    "(target callable, args, kwargs, params) for one valid call, or raise LookupError saying what is missing."
    if kind == "method":
        cls, meth = obj
        cq = qual.rsplit(".", 1)[0]
        inst = INSTANCES[cq]() if cq in INSTANCES else _instance(cq, cls)
        f = getattr(inst, meth)
        raw = inspect.getattr_static(cls, meth)
        target_sig = raw.__func__ if isinstance(raw, (staticmethod, classmethod)) else raw
    else:
        f = obj; target_sig = obj.__init__ if kind == "class" else obj
    ps = _params(target_sig if kind != "class" else obj, keep_self=kind == "function")
    if ps is None: raise LookupError("no signature")
    ctx = {}
    if kind == "method":   # values that depend on the instance
        if hasattr(inst, "initial_state") and any(p.name == "state" for p in ps):
            ctx["state"] = F(lambda: inst.initial_state(1.0))
        d = getattr(inst, "d", None)
        if isinstance(d, int) and 0 < d < 10**4:
            if isinstance(inst, _torch().nn.Module): ctx.update(x=F(lambda: _torch().randn(4, d)), X=F(lambda: _torch().randn(4, d)))
            else: ctx.update(x=F(lambda: ARR(4, d)), X=F(lambda: ARR(4, d)))
    ov = OVERRIDES.get(qual)
    if callable(ov): args, kw = ov(); return f, list(args), dict(kw), ps
    kw = {}
    for p in ps:
        if p.kind in (p.VAR_POSITIONAL, p.VAR_KEYWORD): continue
        if ov and p.name in ov: kw[p.name] = _resolve(ov[p.name]); continue
        if p.default is not p.empty: continue
        if p.name in ctx: kw[p.name] = _resolve(ctx[p.name]); continue
        if p.name in BY_NAME and BY_NAME[p.name] is not None: kw[p.name] = _resolve(BY_NAME[p.name]); continue
        raise LookupError(f"no valid value for required parameter {p.name!r}")
    args = [kw.pop(p.name) for p in ps if p.kind == p.POSITIONAL_ONLY and p.name in kw]
    return f, args, kw, ps

def _instance(cq, cls):
    f, args, kw, _ = baseline_call(cq, cls, "class")
    return f(*args, **kw)

# ---------------------------------------------------------------------------------------------------------------
# bad values

POSITIVE = set("d dim input_dim n N k K M n_samples batch_size n_seeds n_steps steps n_iter max_iter n_points alpha_steps "
               "hidden width depth n_layers n_heads n_chars n_words seq_len L dt lr learning_rate D D0 tol rtol atol "
               "n_saves n_bins window hill_k n_particles n_cells rho x_min decay sigma_max temperature T".split())
NONNEG = set("eta reg_param lam l1_ratio noise noise_std sigma std var variance v0 v1 v2 beta seed momentum weight_decay "
             "delta_D D_inf kappa p_flip dropout warmup patience min_delta".split())
FREE_TEXT = set("name label title xlabel ylabel zlabel path out root cache_dir folder out_dir prefix desc description color style fmt html "
                "suffix tag key text".split())

def _is_num(v): return isinstance(v, (int, float, np.integer, np.floating)) and not isinstance(v, (bool, np.bool_))
def _is_arr(v):
    if isinstance(v, np.ndarray): return v.dtype.kind in "fiu" and v.size > 0
    return type(v).__module__.startswith("torch") and hasattr(v, "shape") and getattr(v, "ndim", 0) > 0

def _ann_allows(p, typ):
    a = p.annotation
    if a is p.empty: return None
    s = a if isinstance(a, str) else getattr(a, "__name__", str(a))
    names = {"str": "str", type(None): "None", list: "list", dict: "dict"}
    key = names.get(typ, typ)
    return key in s or "Any" in s

def mutations(ps, kw, args, qual=""):
    "[(param, label, bad value)] for a call whose valid keywords are `kw` (less the documented-valid ones of NOT_INVALID)."
    return [m for m in _mutations(ps, kw, args) if m[1] not in NOT_INVALID.get((qual, m[0]), ())]

def _mutations(ps, kw, args):
    out = []
    arrays = [p.name for p in ps if p.name in kw and _is_arr(kw[p.name])]
    for p in ps:
        if p.kind in (p.VAR_POSITIONAL, p.VAR_KEYWORD, p.POSITIONAL_ONLY): continue
        v = kw.get(p.name, p.default)
        if v is p.empty: continue
        nm = p.name
        none_ok = p.default is None or _ann_allows(p, type(None))
        if _is_num(v):
            out += [(nm, "nan", float("nan")), (nm, "str", "bogus"), (nm, "dict", {})]
            if not (isinstance(v, float) and math.isinf(v)) and nm not in ("tau", "t_max", "t1"): out.append((nm, "inf", float("inf")))
            if nm in POSITIVE or nm in NONNEG: out.append((nm, "negative", -1 if isinstance(v, (int, np.integer)) else -0.5))
            if nm in POSITIVE: out.append((nm, "zero", 0 if isinstance(v, (int, np.integer)) else 0.0))
            if not none_ok: out.append((nm, "None", None))
        elif isinstance(v, (bool, np.bool_)):
            out += [(nm, "str", "bogus"), (nm, "list", [1])]
            if not none_ok: out.append((nm, "None", None))
        elif isinstance(v, str):
            if nm not in FREE_TEXT: out.append((nm, "option", "bogus_option"))
            out += [(nm, "list", [1]), (nm, "dict", {})]
            if not none_ok: out.append((nm, "None", None))
        elif _is_arr(v):
            a = np.asarray(v.detach().cpu() if hasattr(v, "detach") else v, float)
            nanv = a.copy(); nanv.flat[0] = np.nan
            infv = a.copy(); infv.flat[-1] = np.inf
            out += [(nm, "nan", _like(v, nanv)), (nm, "inf", _like(v, infv)), (nm, "empty", _like(v, a[:0])),
                    (nm, "str", "bogus"), (nm, "dict", {})]
            if len(arrays) >= 2: out.append((nm, "shape", _like(v, np.concatenate([a, a[:1]], 0))))
            if not none_ok: out.append((nm, "None", None))
        elif callable(v) and not inspect.isclass(v):
            out += [(nm, "str", "bogus"), (nm, "dict", {})]
            if not none_ok: out.append((nm, "None", None))
        elif v is not None and not isinstance(v, (tuple, list, dict)) :
            out += [(nm, "str", "bogus"), (nm, "list", [1])]
            if not none_ok: out.append((nm, "None", None))
    out.append(("bogus_kw", "unknown_kw", 1))
    return out

def _like(v, a):
    if type(v).__module__.startswith("torch"):
        torch = _torch(); return torch.as_tensor(a, dtype=v.dtype if v.dtype.is_floating_point else torch.float32)
    return a

# ---------------------------------------------------------------------------------------------------------------
# outcome

def _nonfinite(x, depth=0, nan_only=False):
    "True if `x` holds a NaN (or, outside dataclass fields, an inf)."
    if depth > 4: return False
    if nan_only:
        if isinstance(x, (float, np.floating)): return math.isnan(float(x))
        if isinstance(x, np.ndarray): return x.dtype.kind in "fc" and bool(np.isnan(x).any())
    if isinstance(x, (float, np.floating)): return not math.isfinite(float(x))
    if isinstance(x, complex): return not (math.isfinite(x.real) and math.isfinite(x.imag))
    if isinstance(x, np.ndarray): return x.dtype.kind in "fc" and x.size > 0 and not np.isfinite(x).all()
    if type(x).__module__.startswith("torch") and hasattr(x, "isfinite"):
        try: return bool(x.is_floating_point() and x.numel() and not x.detach().isfinite().all())
        except Exception: return False
    if isinstance(x, dict): return any(_nonfinite(v, depth + 1) for v in list(x.values())[:50])
    if isinstance(x, (list, tuple)): return any(_nonfinite(v, depth + 1) for v in list(x)[:50])
    if dataclasses.is_dataclass(x) and not isinstance(x, type):
        return any(_nonfinite(getattr(x, f.name), depth + 1, nan_only=True) for f in dataclasses.fields(x))
    return False

def classify(exc, result, param, label):
    if exc is None:
        if label == "unknown_kw": return "ignored_kw"
        return "nan" if _nonfinite(result) else "accepted"
    msg = str(exc)
    if isinstance(exc, (ValueError, TypeError)) and re.search(rf"(?<![A-Za-z0-9_]){re.escape(param)}(?![A-Za-z0-9_])", msg):
        return "named"
    return "unnamed"

# ---------------------------------------------------------------------------------------------------------------

def _close_figs():
    if "matplotlib.pyplot" in sys.modules: sys.modules["matplotlib.pyplot"].close("all")

_REC = None
def _emit(**rec):
    "One JSON record on the worker's record channel (the original stdout; everything else printed goes to /dev/null)."
    global _REC
    if _REC is None:
        _REC = os.fdopen(os.dup(1), "w", buffering=1)
        null = os.open(os.devnull, os.O_WRONLY); os.dup2(null, 1); os.close(null)
        sys.stdout = open(os.devnull, "w")
    _REC.write(json.dumps(rec, default=str) + "\n"); _REC.flush()

def _sample(muts, qual, seed, per_callable):
    "A seeded subset of `per_callable` mutations (always keeping the unknown keyword); all of them if 0."
    if not per_callable or len(muts) <= per_callable: return muts
    rng = random.Random(f"{seed}:{qual}")
    keep = sorted(rng.sample(range(len(muts) - 1), per_callable - 1)) + [len(muts) - 1]
    return [muts[j] for j in keep]

def run(start_i=0, start_j=-1, seed=0, per_callable=0, only=None):
    "Records: begin (i, j) before each call; then one of skipped / no_baseline / res; end at the end."
    _emit(t="hello")
    calls = [c for c in public_callables() if not only or re.search(only, c[1])]
    sink = io.StringIO()
    for i, (mod, qual, obj, kind) in enumerate(calls):
        if i < start_i: continue
        why = _skipped(qual) or _why_skip_obj(qual, obj, kind)
        if why is not None: _emit(t="skipped", i=i, mod=mod, qual=qual, kind=kind, why=why); continue
        first = start_j if i == start_i else -1
        _emit(t="begin", i=i, j=-1, qual=qual); t_start = time.perf_counter()
        try:
            with contextlib.redirect_stdout(sink), contextlib.redirect_stderr(sink):
                f, args, kw, ps = baseline_call(qual, obj, kind)
                res = f(*args, **kw)
                if _nonfinite(res): raise LookupError("the valid baseline call returned NaN/inf")
        except BaseException as e:
            if isinstance(e, KeyboardInterrupt): raise
            _close_figs()
            if type(e) is NotImplementedError and kind == "method":
                _emit(t="skipped", i=i, mod=mod, qual=qual, kind=kind, why="not implemented for this class by design (NotImplementedError)"); continue
            _emit(t="no_baseline", i=i, mod=mod, qual=qual, kind=kind, why=f"{type(e).__name__}: {str(e)[:300]}"); continue
        _close_figs(); sink.seek(0); sink.truncate()
        muts = _sample(mutations(ps, kw, args, qual), qual, seed, per_callable)
        _emit(t="baseline", i=i, mod=mod, qual=qual, kind=kind, n=len(muts), muts=[[m[0], m[1]] for m in muts],
              seconds=round(time.perf_counter() - t_start, 4))
        for j, (param, label, bad) in enumerate(muts):
            if j <= first: continue
            _emit(t="begin", i=i, j=j); t_start = time.perf_counter()
            try:
                with contextlib.redirect_stdout(sink), contextlib.redirect_stderr(sink):
                    f, args, kw2, _ = baseline_call(qual, obj, kind)
                    kw2 = dict(kw2); kw2[param] = bad
                    res = f(*args, **kw2)
                exc = None
            except BaseException as e:
                if isinstance(e, KeyboardInterrupt): raise
                exc, res = e, None
            _close_figs(); sink.seek(0); sink.truncate()
            _emit(t="res", i=i, j=j, mod=mod, qual=qual, param=param, label=label, outcome=classify(exc, res, param, label),
                  msg=None if exc is None else f"{type(exc).__name__}: {str(exc)[:200]}", seconds=round(time.perf_counter() - t_start, 4))
            res = None
    _emit(t="end")

if __name__ == "__main__":
    load_specs()
    if sys.argv[1:2] == ["--list"]:
        for mod, qual, obj, kind in public_callables(): print(kind, qual)
    else:
        si, sj, seed, per = (int(a) for a in sys.argv[1:5])
        run(si, sj, seed, per, only=os.environ.get("FUZZ_ONLY") or None)
