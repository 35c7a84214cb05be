"""Fuzz spec of helper v_misc: thermo.metrics, thermo.monitor, heavytail.tracking, dyson.simulate, dyson.spectra
(valid baseline values, instance factories, documented-valid values); see tests/fuzz_specs/README.md."""
import os, sys
import numpy as np
from fuzz_worker import F, ARR, _torch, _net, TMP

def _pos(*s): return F(lambda: np.abs(ARR(*s)) + 0.1)
_SORTED = F(lambda: np.sort(ARR(10, 12), 1))

# --- Dyson
def _dbm_path():
    from statphys_nb.dyson.simulate import simulate_dbm
    return simulate_dbm(N=3, n_steps=10, record_every=5, n_runs=2, seed=0)

def _spectrum_recorder():
    from statphys_nb.dyson.spectra import SpectrumRecorder
    r = SpectrumRecorder(_net(), capacity=4); r.record(); return r

# --- thermo
_MON_NET = []
def _mon_net():
    "One small network shared by the monitor instance and the `compute_hessian` closure of the same call."
    if not _MON_NET: _MON_NET.append(_net())
    return _MON_NET[0]

def _monitor():
    """A ready monitor. `step` needs one built with a model; `step_manual` one built without (a monitor is one or the other,
    by design): the worker builds the instance inside `baseline_call(qual, obj, kind)`, whose `meth` says which method is fuzzed."""
    from statphys_nb.thermo.monitor import ThermoMonitor
    meth = sys._getframe(1).f_locals.get("meth")
    if meth == "step_manual":
        m = ThermoMonitor(lr=0.1); m.step_manual(ARR(8), ARR(8) + 1.0, loss=0.5); return m
    net = _mon_net(); net.zero_grad(); net(_torch().randn(4, 8)).pow(2).mean().backward()
    m = ThermoMonitor(net, lr=0.1); m.step(loss=0.5); return m

def _hvp():
    torch = _torch(); D = torch.linspace(0.5, 3.0, 6, dtype=torch.float64)
    return lambda v: D*v

def _model_hvp_call():
    net = _net(); x = _torch().randn(4, 8)
    return (), dict(model=net, loss_closure=lambda: net(x).pow(2).mean())

def _mp_eigs():
    X = ARR(200, 50); return np.linalg.eigvalsh(X.T @ X/200)

# --- heavy-tail tracking
def _tracker():
    "A tracker that recorded three SGD steps, with `begin()` called for the next (so `end()` has a valid baseline)."
    from statphys_nb.heavytail.tracking import UpdateTracker
    torch = _torch(); net = _net(); opt = torch.optim.SGD(net.parameters(), lr=0.1)
    t = UpdateTracker(net, top_k=8).attach(opt)
    for _ in range(3): opt.zero_grad(); net(torch.randn(4, 8)).pow(2).mean().backward(); opt.step()
    t.detach(); t.begin(); return t

OVERRIDES = {
    # Dyson
    "statphys_nb.dyson.simulate.DBMPath": dict(t=F(lambda: np.array([0.0, 0.1])), eigs=F(lambda: np.sort(ARR(2, 3, 4), -1)), info=F(dict)),
    "statphys_nb.dyson.simulate.implicit_coulomb_step": dict(y=F(lambda: _torch().sort(_torch().randn(3, 4, dtype=_torch().float64), -1).values), c=0.01),
    "statphys_nb.dyson.spectra.spacing_ratios": dict(eigs=_SORTED),
    "statphys_nb.dyson.spectra.unfold": dict(eigs=_SORTED),
    "statphys_nb.dyson.spectra.nn_spacings": dict(eigs=_SORTED),
    "statphys_nb.dyson.spectra.fit_beta": dict(x=_pos(200)),
    "statphys_nb.dyson.spectra.marchenko_pastur_cdf": dict(x=F(lambda: np.linspace(0.1, 2.5, 7)), q=0.5),
    "statphys_nb.dyson.spectra.SpectrumRecorder": dict(model=F(_net)),
    "statphys_nb.dyson.spectra.SpectrumRecorder.attach": dict(optimizer=F(lambda: _torch().optim.SGD(_net().parameters(), lr=0.1))),
    # thermo.metrics
    "statphys_nb.thermo.metrics.stationary_variance_1d": dict(lr=0.1, curvature=2.0, noise_var=0.25),
    "statphys_nb.thermo.metrics.simulate_sgd_quadratic": dict(lr=0.1, curvatures=F(lambda: np.linspace(0.5, 2.0, 4)), noise_std=0.5, n_steps=20),
    "statphys_nb.thermo.metrics.sgd_temperature": dict(grads=F(lambda: ARR(20, 30)), lr=0.1),
    "statphys_nb.thermo.metrics.fdr_ratio": dict(theta_dot_grad=_pos(7), grad_sq=_pos(7), lr=0.1),
    "statphys_nb.thermo.metrics.gradient_noise_spectrum": dict(grads=F(lambda: ARR(20, 30))),
    "statphys_nb.thermo.metrics.hessian_top_eigenvalue": dict(hvp=F(_hvp), v0=F(lambda: _torch().ones(6, dtype=_torch().float64))),
    "statphys_nb.thermo.metrics.hutchinson_trace": dict(hvp=F(_hvp), v0=F(lambda: _torch().ones(6, dtype=_torch().float64))),
    "statphys_nb.thermo.metrics.model_hvp": _model_hvp_call,
    "statphys_nb.thermo.metrics.layer_esd": dict(W=F(lambda: ARR(12, 8))),
    "statphys_nb.thermo.metrics.powerlaw_fit": dict(x=F(lambda: np.random.default_rng(0).pareto(1.5, 300) + 1.0)),
    "statphys_nb.thermo.metrics.marchenko_pastur_fit": dict(eigs=F(_mp_eigs), N=200, M=50),
    "statphys_nb.thermo.metrics.spacing_ratios": dict(levels=F(lambda: np.sort(ARR(40)))),
    "statphys_nb.thermo.metrics.spacing_ratio": dict(levels=F(lambda: np.sort(ARR(40)))),
    "statphys_nb.thermo.metrics.heat_capacity": dict(losses=_pos(7), temperature=0.1),
    "statphys_nb.thermo.metrics.berry_phase": dict(states=F(lambda: ARR(6, 3))),
    "statphys_nb.thermo.metrics.hbar_cv": dict(norms=_pos(7)),
    # thermo.monitor
    "statphys_nb.thermo.monitor.MetricsResult": dict(metrics=F(lambda: {"delta": 0.1})),
    "statphys_nb.thermo.monitor.MetricsResult.get": dict(name="delta"),
    "statphys_nb.thermo.monitor.ThermoMonitor.step_manual": dict(weights=F(lambda: ARR(8)), gradients=F(lambda: ARR(8) + 1.0), loss=0.5),
    "statphys_nb.thermo.monitor.ThermoMonitor.compute_hessian": dict(loss_closure=F(lambda: (lambda: _mon_net()(_torch().ones(4, 8)).pow(2).mean())), max_hvps=5, n_probes=3),
    "statphys_nb.thermo.monitor.ThermoMonitor.get_phase_description": dict(phase=F(lambda: __import__("statphys_nb.thermo.config", fromlist=["x"]).PhaseState.CRYSTAL)),
    # heavy-tail tracking
    "statphys_nb.heavytail.tracking.UpdateTracker": dict(model=F(_net)),
    "statphys_nb.heavytail.tracking.UpdateTracker.attach": dict(optimizer=F(lambda: _torch().optim.SGD(_net().parameters(), lr=0.1))),
    "statphys_nb.heavytail.tracking.UpdateTracker.save": dict(prefix=F(lambda: os.path.join(TMP, "tracker"))),
}
INSTANCES = {
    "statphys_nb.dyson.simulate.DBMPath": _dbm_path,
    "statphys_nb.dyson.spectra.SpectrumRecorder": _spectrum_recorder,
    "statphys_nb.thermo.monitor.MetricsResult": lambda: __import__("statphys_nb.thermo.monitor", fromlist=["x"]).MetricsResult({"delta": 0.1}),
    "statphys_nb.thermo.monitor.ThermoMonitor": _monitor,
    "statphys_nb.heavytail.tracking.UpdateTracker": _tracker,
}
NOT_INVALID = {
    # D(t) = D0 e^{-t/tau} + D_inf (or + sigma^2 I): D0 = 0 is the documented case without the decaying part (checked D0 >= 0 and a
    # positive total diffusion); in FokkerPlanckDynamics / split_digits_continual D0 = 0 is documented as plain SGD (no Langevin noise)
    ("statphys_nb.fpe.checks.two_well_flow", "D0"): {"zero"},
    ("statphys_nb.fpe.learning.FokkerPlanckLearning", "D0"): {"zero"},
    ("statphys_nb.fpe.learning.FokkerPlanckDynamics", "D0"): {"zero"},
    ("statphys_nb.fpe.learning.split_digits_continual", "D0"): {"zero"},
    # the skewness of a stable law lies in [-1, 1]: negative values are valid (the range is checked)
    ("statphys_nb.heavytail.estimators.StableIndex", "beta"): {"negative"},
    # a record index, as in NumPy: 0 is the first record and negative values count from the end (the default is -1)
    ("statphys_nb.dyson.simulate.DBMPath.spacings", "k"): {"negative", "zero"},
    # tol = 0: stop only on an exact repeat, i.e. spend the whole budget of products (chapter 71 compares methods that way)
    ("statphys_nb.thermo.metrics.hessian_top_eigenvalue", "tol"): {"zero"},
    # issue 16 item 5: the monitor never breaks training; a non-finite step is recorded and counted in `nonfinite_steps`
    ("statphys_nb.thermo.monitor.ThermoMonitor.step_manual", "weights"): {"nan", "inf"},
    ("statphys_nb.thermo.monitor.ThermoMonitor.step_manual", "gradients"): {"nan", "inf"},
    ("statphys_nb.thermo.monitor.ThermoMonitor.step_manual", "loss"): {"nan", "inf"},
}
SKIP = {
    "statphys_nb.heavytail.tracking.float_bin_edges": "its last edge is +inf by definition (the float32 bit pattern after the largest finite "
        "value closes the top bin), which the worker reads as a NaN/inf baseline; bad bins_per_octave values are tested in 81_heavytail_tracking",
    "statphys_nb.heavytail.tracking.load_tracker_record": "returns the saved record as written: `edges` end with +inf (see float_bin_edges) and "
        "`top` is NaN-padded where a layer kept fewer than top_k values, which the worker reads as a NaN/inf baseline; a bad `path` is tested in 81",
}
GATED = ["statphys_nb.dyson.simulate", "statphys_nb.dyson.spectra", "statphys_nb.thermo.metrics", "statphys_nb.thermo.monitor",
         "statphys_nb.heavytail.tracking"]
