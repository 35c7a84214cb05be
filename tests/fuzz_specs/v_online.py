"""Fuzz spec of the online and DMFT chapters: `theory.online.*`, `theory.dmft`, `simulation.dmft`, `simulation.online`.

Every valid call is tiny (two-variable ODEs over t in [0, 1], d = 8 to 20 SGD with two seeds, a DMFT population of 200 over
three steps) so that each finishes well under a second."""
import numpy as np
from fuzz_worker import F, ARR, _torch

O = "statphys_nb.theory.online."

def _eq(mod, cls, **kw):
    import importlib
    return getattr(importlib.import_module(O + mod), cls)(**kw)
def _ode():
    from statphys_nb.theory.online import ODESolver
    return ODESolver(_eq("linear", "GaussianLinearMseEquations", lr=0.5), ["m", "q", "eg"])
def _adaptive():
    from statphys_nb.theory.online import AdaptiveODESolver
    # events without plateau detection: a run with no plateau reports metadata['plateau'] = (NaN, NaN), the documented "not found"
    return AdaptiveODESolver(_eq("linear", "GaussianLinearMseEquations", lr=0.5), ["m", "q", "eg"], events=["divergence"])
def _committee_state(): return _eq("committee", "GaussianCommitteeMseEquations").initial_state()

def _dmft():
    from statphys_nb.theory.dmft import DMFTSolver
    return DMFTSolver("logistic", alpha=2.0, lr=0.1, n_samples=200, n_response=100)
_GD = {}
def _gd_result():
    "A real tiny GD run (d = 20, two seeds, three steps) with its DMFT; built once and reused (the compared functions do not change it)."
    if "r" not in _GD:
        from statphys_nb.simulation.dmft import simulate_gd
        _GD["r"] = simulate_gd(_dmft(), 0.3, d=20, n_seeds=2, n_replicas=2, progress=False)
    return _GD["r"]

def _W0(d=8): g = _torch().Generator().manual_seed(0); return _torch().randn(d, generator=g, dtype=_torch().float64)
def _Winit(S=2, d=8): g = _torch().Generator().manual_seed(1); return _torch().randn(S, d, generator=g, dtype=_torch().float64)
def _sampler():
    from statphys_nb.simulation.online import teacher_sampler
    return teacher_sampler(_W0())
def _grad():
    from statphys_nb.loss import RidgeLoss
    from statphys_nb.simulation.online import online_grad
    return online_grad(RidgeLoss(0.01))
def _online_cfg():
    from statphys_nb.simulation.config import SimulationConfig
    return SimulationConfig.for_online(t_max=0.5, t_steps=3, n_seeds=2, lr=0.1, verbose=False)
def _online_sim():
    from statphys_nb.simulation.online import OnlineSimulation
    return OnlineSimulation(_online_cfg())

_Y2 = F(lambda: np.array([0.3, 0.8]))
OVERRIDES = {
    # the online ODEs: states [n_variables, ...] of the right size
    O + "solver.OnlineEquations.state_from_overlaps": dict(Q=F(lambda: np.array([[1.0]])), R=F(lambda: np.array([[0.5]]))),
    O + "solver.OnlineEquations.rhs": dict(t=0.0, y=_Y2),
    O + "solver.OnlineEquations.generalization_error": dict(y=_Y2),
    O + "solver.OnlineEquations.observables": dict(y=_Y2),
    O + "solver.ODESolver": dict(equations=F(lambda: _eq("linear", "GaussianLinearMseEquations", lr=0.5))),
    O + "solver.AdaptiveODESolver": dict(equations=F(lambda: _eq("linear", "GaussianLinearMseEquations", lr=0.5))),
    O + "solver.ODESolver.solve": dict(t_span=(0.0, 1.0), n_points=5),
    O + "solver.ODESolver.solve_with_generalization_error": dict(t_span=(0.0, 1.0)),
    O + "solver.ODESolver.solve_multiple_lr": dict(t_span=(0.0, 1.0), learning_rates=[0.2, 0.5]),
    O + "solver.AdaptiveODESolver.solve": dict(t_span=(0.0, 1.0), n_points=5),
    O + "linear.GaussianLinearMseEquations.closed_form": dict(t=F(lambda: np.linspace(0.0, 2.0, 5))),
    O + "perceptron.GaussianLinearPerceptronEquations.stability_parameter": dict(y=_Y2),
    O + "classification.MarginLossOnlineEquations.dloss": dict(z=F(lambda: np.linspace(-1.0, 1.0, 5))),
    O + "classification.MarginLossOnlineEquations.rhs": dict(t=0.0, y=_Y2),
    O + "classification.MarginLossOnlineEquations.generalization_error": dict(y=_Y2),
    O + "committee.GaussianCommitteeMseEquations.unpack": dict(y=F(_committee_state)),
    O + "committee.GaussianCommitteeMseEquations.covariance": dict(T=F(lambda: np.eye(2))),
    O + "committee.GaussianCommitteeMseEquations.state_from_overlaps": dict(Q=F(lambda: 0.5 * np.eye(2)), R=F(lambda: 0.1 * np.eye(2))),
    O + "gradient_flow.RidgeGradientFlow.solve": dict(t_values=F(lambda: np.array([0.0, 1.0, np.inf]))),
    "statphys_nb.theory.online.get_online_equations": dict(name="gaussian_linear_mse"),
    # DMFT
    "statphys_nb.theory.dmft.resolve_dmft_loss": dict(loss="logistic"),
    "statphys_nb.theory.dmft.DMFTSolver.solve": dict(t_max=0.3),
    "statphys_nb.simulation.dmft.simulate_gd": dict(solver=F(_dmft), t_max=0.3, d=20, n_seeds=2, n_replicas=2, progress=False),
    "statphys_nb.simulation.dmft.compare_dmft": dict(result=F(_gd_result)),
    "statphys_nb.simulation.dmft.dmft_table": dict(result=F(_gd_result)),
    # online SGD
    "statphys_nb.simulation.online.online_sgd": dict(W0=F(_W0), W_init=F(_Winit), sample=F(_sampler), grad_fn=F(_grad), lr=0.1,
                                                     eval_steps=F(lambda: np.array([0, 4, 8]))),
    "statphys_nb.simulation.online.teacher_sampler": dict(W0=F(_W0)),
    "statphys_nb.simulation.online.max_sem_deviation": dict(per_seed=F(lambda: ARR(5, 3)), theory=F(lambda: ARR(5))),
    "statphys_nb.simulation.online.simulate_online": dict(W0=F(_W0), W_init=F(_Winit), sample=F(_sampler), grad_fn=F(_grad), lr=0.1,
                                                          times=F(lambda: np.array([0.0, 0.5, 1.0]))),
    "statphys_nb.simulation.online.OnlineSimulation": dict(config=F(_online_cfg)),
    "statphys_nb.simulation.online.OnlineSimulation.run": dict(dataset=F(lambda: __import__("statphys_nb.dataset", fromlist=["x"]).GaussianDataset(d=8))),
}

INSTANCES = {
    # the base classes' public methods (rhs, generalization_error, observables, dloss, expectations: checked, then the subclass's
    # unchecked `_rhs` / `_eg` / `_dloss`) are fuzzed on a concrete scenario, an instance of the base class
    O + "solver.OnlineEquations": lambda: _eq("linear", "GaussianLinearMseEquations", lr=0.5),
    O + "classification.MarginLossOnlineEquations": lambda: _eq("classification", "GaussianLinearLogisticEquations", lr=0.5),
    O + "solver.ODESolver": _ode,
    O + "solver.AdaptiveODESolver": _adaptive,
    "statphys_nb.theory.dmft.DMFTSolver": _dmft,
    "statphys_nb.simulation.online.OnlineSimulation": _online_sim,
}

NOT_INVALID = {
    (O + "solver.ODESolver", "max_step"): {"inf"},                      # documented: np.inf = no step limit
    (O + "solver.AdaptiveODESolver", "max_step"): {"inf"},              # documented: np.inf (its default) = no step limit
    (O + "gradient_flow.RidgeGradientFlow.order_params", "t"): {"inf"},          # documented: t = inf is the ridge estimator
    (O + "gradient_flow.RidgeGradientFlow.generalization_error", "t"): {"inf"},  # idem
    (O + "gradient_flow.RidgeGradientFlow.solve", "t_values"): {"inf"},          # idem
    ("statphys_nb.simulation.online.online_sgd", "W_init"): {"shape"},          # one more row = one more seed, valid
    ("statphys_nb.simulation.online.simulate_online", "W_init"): {"shape"},     # idem
}

_INF_LIMIT = ("returns np.inf by design: no finite learning rate makes these ODEs diverge (the update is bounded, so √q grows at most "
              "linearly; documented in its docstring), and its only input, parameter overrides, is fuzzed through `resolve`")
SKIP = {
    O + "perceptron.GaussianLinearPerceptronEquations.stability_limit": _INF_LIMIT,
    O + "classification.MarginLossOnlineEquations.stability_limit": _INF_LIMIT,
}

GATED = ["statphys_nb.theory.online", "statphys_nb.theory.online.solver", "statphys_nb.theory.online.linear",
         "statphys_nb.theory.online.perceptron", "statphys_nb.theory.online.classification", "statphys_nb.theory.online.committee",
         "statphys_nb.theory.online.gradient_flow", "statphys_nb.theory.dmft", "statphys_nb.simulation.dmft",
         "statphys_nb.simulation.online"]
