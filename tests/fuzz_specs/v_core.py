"""Fuzz spec of the core modules: `statphys_nb` (validation path), `statphys_nb.utils` (+ the utils cells of the compat chapter),
`statphys_nb.utils.order_params`, `statphys_nb.compat`, `statphys_nb.results`, `statphys_nb.vis`."""
import os
import numpy as np
from fuzz_worker import F, ARR, TMP

def _path(name): return os.path.join(TMP, "v_core", name)

def _saved():
    from statphys_nb.results import save_results
    return str(save_results({"a": np.arange(3.0), "b": {"s": "text"}}, _path("saved")))

def _theory(n=4):
    from statphys_nb.results import TheoryResult
    a = np.linspace(0.5, 2.0, n)
    return TheoryResult("replica", {"m": a / (1 + a), "q": a / (1 + a) + 0.1, "eg": 0.5 / (1 + a)}, a)

def _experiment(n=4, seeds=3, online=False):
    "Experiment results in the package's layout: order_params_all [seeds, points, params], mean/std/sem [points, params]."
    g = np.linspace(0.5, 2.0, n); names = ["m", "q", "eg"]
    base = np.stack([g / (1 + g), g / (1 + g) + 0.1, 0.5 / (1 + g)], -1)
    allv = base[None] + 0.01 * np.random.default_rng(0).standard_normal((seeds, n, 3))
    k = "trajectories" if online else "order_params"
    return {("t_values" if online else "alpha_values"): g, "order_param_names": names, f"{k}_all": allv,
            f"{k}_mean": allv.mean(0), f"{k}_std": allv.std(0), f"{k}_sem": allv.std(0) / np.sqrt(seeds)}

def _simulation(online=False):
    from statphys_nb.results import SimulationResult, TheoryResult
    th = _theory() if not online else TheoryResult("online", _theory().order_params, np.linspace(0.5, 2.0, 4))
    return SimulationResult(_experiment(online=online), th, {"n_seeds": 3})

_G = F(lambda: np.linspace(0.5, 2.0, 6))
_Y = F(lambda: np.linspace(0.1, 0.6, 6))

OVERRIDES = {
    # core
    "statphys_nb.typecheck_public": dict(ns=F(lambda: {"__name__": "fuzz_demo", "__all__": []})),
    # results
    "statphys_nb.results.atomic_write_bytes": dict(path=F(lambda: _path("bytes.bin")), data=b"abc"),
    "statphys_nb.results.save_results": dict(obj=F(lambda: {"a": np.arange(3.0)}), path=F(lambda: _path("out"))),
    "statphys_nb.results.load_results": dict(path=F(_saved)),
    "statphys_nb.results.TheoryResult": dict(theory_type="replica", order_params=F(lambda: {"m": np.linspace(0, 1, 4)}),
                                             param_values=F(lambda: np.linspace(0.5, 2.0, 4))),
    "statphys_nb.results.TheoryResult.get_order_param": dict(name="m"),
    "statphys_nb.results.ConfigView": dict(fields=F(lambda: {"n_seeds": 2})),
    "statphys_nb.results.SimulationResult": dict(experiment_results=F(_experiment)),
    "statphys_nb.results.SimulationResult.from_dict": dict(d=F(lambda: _simulation().to_dict())),
    "statphys_nb.results.SimulationResult.get_experiment_mean": dict(key="order_params_all"),
    "statphys_nb.results.SimulationResult.get_experiment_std": dict(key="order_params_all"),
    "statphys_nb.results.SimulationResult.get_theory_values": dict(name="m"),
    # utils (compat cells)
    "statphys_nb.utils.prox_hinge": dict(y=F(lambda: np.array([1.0, -1.0, 1.0, -1.0, 1.0, -1.0, 1.0]))),
    "statphys_nb.utils.gaussian_quantile": dict(p=F(lambda: np.array([0.1, 0.5, 0.9]))),
    "statphys_nb.utils.firm_threshold": dict(lambda1=0.5, lambda2=1.0),
    "statphys_nb.utils.gaussian_integral_1d": dict(func=F(lambda: (lambda z: z**2))),
    "statphys_nb.utils.gaussian_integral_2d": dict(func=F(lambda: (lambda a, b: a * b)), mean=F(lambda: np.array([0.5, -0.5])),
                                                   cov=F(lambda: np.array([[1.0, 0.3], [0.3, 2.0]]))),
    "statphys_nb.utils.gaussian_integral_nd": dict(func=F(lambda: (lambda z: float(z[0] * z[1]))), cov=F(lambda: np.array([[1.0, 0.3], [0.3, 2.0]])),
                                                   n_points=200),
    "statphys_nb.utils.teacher_student_integral": dict(func=F(lambda: (lambda u, z: u * z))),
    "statphys_nb.utils.conditional_expectation": dict(func=F(lambda: (lambda z: z)), given_value=0.5),
    "statphys_nb.utils.get_seed_list": dict(num_seeds=3),
    # order parameters
    "statphys_nb.utils.order_params.OrderParameters.to_list": dict(model_type="linear"),
    "statphys_nb.utils.order_params.OrderParameterCalculator.get_param_names": dict(model_type="linear"),
    # vis: the peer's one-call figures
    "statphys_nb.vis.plot_generalization_error_alpha": dict(alpha_values=_G, eg_mean=_Y, show=False),
    "statphys_nb.vis.plot_generalization_error_time": dict(t_values=_G, eg_mean=_Y, show=False),
    "statphys_nb.vis.plot_order_params_alpha": dict(alpha_values=_G, m_mean=_Y, q_mean=_Y, eg_mean=_Y, show=False),
    "statphys_nb.vis.plot_order_params_time": dict(t_values=_G, m_mean=_Y, q_mean=_Y, eg_mean=_Y, show=False),
    "statphys_nb.vis.plot_from_replica_results": dict(results=F(_simulation), show=False),
    "statphys_nb.vis.plot_from_online_results": dict(results=F(lambda: _simulation(online=True)), show=False),
}

NOT_INVALID = {
    # +inf is a documented point of a theory curve: t = inf, the end point of a flow (e.g. RidgeGradientFlow.solve); NaN stays refused
    ("statphys_nb.results.TheoryResult", "param_values"): {"inf"},
    # ±inf are the documented limits of the Gaussian density, CDF and tail (phi(±inf) = 0, Phi(-inf) = 0, H(inf) = 0, ...); the
    # online classification equations pass them on purpose (a = ±inf at s = 0). NaN stays refused.
    **{(f"statphys_nb.utils.{f}", "x"): {"inf"} for f in ("phi", "Phi", "H", "H_function", "gaussian_pdf", "gaussian_cdf", "gaussian_tail")},
    # a TheoryResult's theory_type is a TheoryType or, documented, the name of a scenario ('gradient_flow', 'dmft', ...)
    ("statphys_nb.results.TheoryResult", "theory_type"): {"option"},
    # 0 bytes is a size: format_bytes(0) == '0 B'
    ("statphys_nb.format_bytes", "n"): {"zero"},
    # `kind` is a free label stored in the file and compared on load (the result classes store their class name)
    ("statphys_nb.results.save_results", "kind"): {"option"},
    # free text drawn on the figure (legend entries / band names), any string is valid
    **{(f"statphys_nb.vis.{f}", k): {"option"} for f in ("plot_generalization_error_alpha", "plot_generalization_error_time")
       for k in ("exp_label", "theory_label")},
    ("statphys_nb.vis.OrderParamPlotter.plot_with_std", "band"): {"option"},
    # documented: NaN cells of a phase diagram (no value there, e.g. no solution) are drawn blank / left out of the contours
    **{(f"statphys_nb.vis.PhaseDiagramPlotter.{f}", "Z"): {"nan"} for f in ("plot_heatmap", "plot_contour", "plot_critical_line")},
}

def _order_parameters():
    from statphys_nb.utils.order_params import OrderParameters
    return OrderParameters({"w_W0": 0.5, "avg": 0.5}, {"w_w": 1.0, "diag_avg": 1.0}, {"W0_W0": 1.0}, generalization_error=0.5)

INSTANCES = {
    "statphys_nb.utils.order_params.OrderParameters": _order_parameters,
    "statphys_nb.results.TheoryResult": _theory,
    "statphys_nb.results.SimulationResult": _simulation,
}

GATED = ("statphys_nb", "statphys_nb.utils", "statphys_nb.utils.order_params", "statphys_nb.compat", "statphys_nb.results", "statphys_nb.vis")
