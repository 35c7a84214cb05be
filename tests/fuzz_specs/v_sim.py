"""Fuzz spec of the simulation layer: `simulation.config`, `simulation.replica`, `simulation.runner`, `experiment`, `cli`.

Every valid call is tiny (d = 8, three α, two seeds, serial executor, temporary folders) so that each finishes in well under a second."""
import os, tempfile
import numpy as np
from fuzz_worker import F, TMP, _torch

def _tmpdir(): return tempfile.mkdtemp(dir=TMP, prefix="v_sim-")
def _ds():
    from statphys_nb.dataset import GaussianDataset
    return GaussianDataset(d=8, rho=1.0, eta=0.1)
def _loss():
    from statphys_nb.loss import RidgeLoss
    return RidgeLoss(0.1)
def _lin():
    from statphys_nb.model import LinearRegression
    return LinearRegression
def _cfg():
    from statphys_nb.simulation.config import SimulationConfig
    return SimulationConfig.for_replica(alpha_range=(0.5, 2.0), alpha_steps=3, n_seeds=2, verbose=False, theory_points=5)
def _solver():
    from statphys_nb.theory.replica import SaddlePointSolver
    from statphys_nb.theory.replica.ridge import GaussianLinearRidgeEquations
    return SaddlePointSolver(GaussianLinearRidgeEquations(rho=1.0, eta=0.1, reg_param=0.1), order_params=["m", "q"])
def _result():
    "A real tiny ridge run (2 seeds, 3 α) with its replica theory."
    from statphys_nb.simulation.replica import ReplicaSimulation
    return ReplicaSimulation(_cfg()).run(_ds(), _lin(), _loss(), theory_solver=_solver(), progress_bar=False)
def _runner():
    from statphys_nb.simulation.runner import SimulationRunner
    return SimulationRunner(executor="serial", progress=False)
def _X(S=2, n=12, d=8): g = _torch().Generator().manual_seed(0); return _torch().randn(S, n, d, generator=g, dtype=_torch().float64)
def _y(S=2, n=12): g = _torch().Generator().manual_seed(1); return _torch().randn(S, n, generator=g, dtype=_torch().float64)
def _task():
    return {"params": {}, "seed": 3, "config": _cfg(), "dataset": _ds(), "model_class": _lin(), "loss_fn": _loss()}
def _point():
    return {"grid_name": "alpha_values", "grid": np.array([0.5, 1.0]), "names": ["m", "q", "eg"], "per_seed": np.full((2, 3), 0.25),
            "seconds": 0.01, "converged": np.array([True, True])}
_KEY = "0123456789abcdef01234567"
def _saved_point_dir():
    from statphys_nb.simulation.runner import save_point
    d = _tmpdir(); save_point(_point(), d, _KEY); return d

_TOML = """[experiment]
name = "fuzz"
kind = "replica"
output = "{out}"
executor = "serial"

[dataset]
name = "GaussianDataset"
d = 8
eta = 0.1

[model]
name = "LinearRegression"

[loss]
name = "RidgeLoss"
reg_param = 0.1

[simulation]
alpha_range = [0.5, 2.0]
alpha_steps = 3
n_seeds = 2
theory_points = 5

[theory]
equations = "GaussianLinearRidgeEquations"
order_params = ["m", "q"]
params = {{ rho = 1.0, eta = 0.1, reg_param = 0.1 }}
"""
def _toml():
    d = _tmpdir(); p = os.path.join(d, "fuzz.toml")
    with open(p, "w") as f: f.write(_TOML.format(out=os.path.join(d, "out")))
    return p
def _spec():
    from statphys_nb.experiment import load_experiment
    return load_experiment(_toml())
def _nb():
    return {"cells": [{"cell_type": "code", "source": "x = 1", "metadata": {}, "outputs": [], "execution_count": 3},
                      {"cell_type": "markdown", "source": "# t", "metadata": {}}], "metadata": {}, "nbformat": 4, "nbformat_minor": 5}

_SIM = dict(config=F(_cfg), dataset=F(_ds), model_class=F(_lin), loss_fn=F(_loss))
OVERRIDES = {
    # config
    "statphys_nb.simulation.config.SimulationConfig.from_dict": dict(data=F(lambda: {"n_seeds": 2, "alpha_steps": 3})),
    # replica
    "statphys_nb.simulation.replica.ReplicaSimulation.run": dict(dataset=F(_ds), model_class=F(_lin), loss_fn=F(_loss), theory_solver=F(_solver),
                                                                 progress_bar=False),
    "statphys_nb.simulation.replica.compare_with_theory": dict(result=F(_result)),
    "statphys_nb.simulation.replica.ridge_minimizer": dict(X=F(_X), y=F(_y), reg_param=0.1),
    "statphys_nb.simulation.replica.fit_linear": dict(kind="ridge", X=F(_X), y=F(_y), reg_param=0.1),
    "statphys_nb.simulation.replica.linear_order_params": dict(w=F(lambda: _X()[:, 0]), W0=F(lambda: _X()[:, 1])),
    "statphys_nb.simulation.replica.train_students": dict(models=F(lambda: [_lin()(d=8), _lin()(d=8)]), X=F(_X), y=F(_y), loss_fn=F(_loss),
                                                         max_iter=20),
    "statphys_nb.simulation.replica.register_theory": dict(matches=F(lambda: (lambda ds, mc, loss: False)),
                                                           make_solver=F(lambda: (lambda ds, mc, loss, cfg: None)), name="never"),
    # runner
    "statphys_nb.simulation.runner.SimulationRunner.run": dict(_SIM, theory_solver=F(_solver)),
    "statphys_nb.simulation.runner.SimulationRunner.run_comparison": dict(config=F(_cfg), dataset=F(_ds), model_classes=F(lambda: [_lin()]),
                                                                           loss_fn=F(_loss)),
    "statphys_nb.simulation.runner.SimulationRunner.run_grid": dict(base_config=F(_cfg), dataset=F(_ds), model_class=F(_lin), loss_fn=F(_loss),
                                                                     grid=F(lambda: {"reg_param": [0.1, 0.2]})),
    "statphys_nb.simulation.runner.SimulationRunner.run_parameter_sweep": dict(base_config=F(_cfg), dataset=F(_ds), model_class=F(_lin),
                                                                                loss_fn=F(_loss), param_name="reg_param", param_values=[0.1, 0.2]),
    "statphys_nb.simulation.runner.apply_params": dict(params=F(lambda: {"reg_param": 0.2, "eta": 0.3}), config=F(_cfg), dataset=F(_ds), loss_fn=F(_loss)),
    "statphys_nb.simulation.runner.point_key": dict(params=F(lambda: {"reg_param": 0.2}), seed=1, config=F(_cfg), dataset=F(_ds), model_class=F(_lin),
                                                   loss_fn=F(_loss)),
    "statphys_nb.simulation.runner.run_point": dict(task=F(_task)),
    "statphys_nb.simulation.runner.save_point": dict(point=F(_point), cache_dir=F(_tmpdir), key=_KEY),
    "statphys_nb.simulation.runner.load_point": dict(cache_dir=F(_saved_point_dir), key=_KEY),
    "statphys_nb.simulation.runner.SerialExecutor.submit": dict(fn=F(lambda: (lambda a=1: a))),
    "statphys_nb.simulation.runner.process_pool": dict(max_workers=1),
    # experiment
    "statphys_nb.experiment.load_experiment": dict(path=F(_toml)),
    "statphys_nb.experiment.run_experiment_file": dict(path=F(_toml), progress=False),
    "statphys_nb.experiment.build_experiment": dict(spec=F(_spec)),
    "statphys_nb.experiment.ModelSpec": dict(model_class=F(_lin), kwargs=F(lambda: {"init_scale": 0.5})),
    "statphys_nb.experiment.separability_alpha": dict(link=F(lambda: (lambda u: 1/(1 + np.exp(-u)))), n=64),
    "statphys_nb.experiment.agreement_verdict": dict(result=F(_result)),
    # cli
    "statphys_nb.cli.tutorial_notebook": dict(nb=F(_nb)),
    "statphys_nb.cli.copy_tutorials": dict(out=F(_tmpdir)),
}

INSTANCES = {
    "statphys_nb.simulation.replica.ReplicaSimulation": lambda: __import__("statphys_nb.simulation.replica", fromlist=["x"]).ReplicaSimulation(_cfg()),
    "statphys_nb.simulation.runner.SimulationRunner": _runner,
}

NOT_INVALID = {
    # a cache folder is any path: 'bogus_option' is a valid (relative) folder name, not an unknown option
    ("statphys_nb.simulation.runner.save_point", "cache_dir"): {"option"},
    ("statphys_nb.simulation.runner.load_point", "cache_dir"): {"option"},
}

SKIP = {}

GATED = ("statphys_nb.simulation.config", "statphys_nb.simulation.replica", "statphys_nb.simulation.runner", "statphys_nb.experiment",
         "statphys_nb.cli")
