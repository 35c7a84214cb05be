"""The surface the `statphys` package's users touch (import paths, names, result/solver/plotter API), checked in this
package's own words. The peer's own suite is run against the package separately (see nbs/57_compat.ipynb)."""
import importlib, subprocess, sys, textwrap
from pathlib import Path

import numpy as np
import pytest

ROOT = Path(__file__).resolve().parents[1]

# every module path of the peer's README tree and of the imports in its README, examples, notebooks and tests
PEER_MODULES = """
utils utils.special_functions utils.integration utils.order_params utils.math utils.seed utils.io
dataset dataset.base dataset.gaussian dataset.sparse dataset.structured dataset.glm dataset.icl dataset.sequence
dataset.attention dataset.fairness dataset.noisy
model model.base model.linear model.committee model.mlp model.random_features model.softmax model.transformer model.sequence
loss loss.base loss.regression loss.classification
theory theory.base theory.replica theory.replica.solver theory.replica.scenario theory.replica.scenario.base
theory.replica.scenario.gaussian_linear_ridge theory.replica.scenario.gaussian_linear_lasso
theory.replica.scenario.gaussian_linear_logistic theory.replica.scenario.gaussian_linear_hinge
theory.replica.scenario.gaussian_linear_probit theory.replica.scenario.gaussian_committee_mse
theory.online theory.online.solver theory.online.scenario theory.online.scenario.base
theory.online.scenario.gaussian_linear_mse theory.online.scenario.gaussian_linear_ridge
theory.online.scenario.gaussian_linear_perceptron theory.online.scenario.gaussian_linear_logistic
theory.online.scenario.gaussian_linear_hinge theory.online.scenario.gaussian_committee_mse theory.dmft
simulation simulation.base simulation.config simulation.replica_sim simulation.online_sim simulation.runner
vis vis.comparison vis.phase_diagram vis.order_params vis.default_plots
""".split()

PEER_NAMES = {  # module -> names imported from it by the peer's users (README tables, examples, notebooks, tests)
    "utils": "fix_seed get_device gaussian_pdf gaussian_cdf gaussian_tail Phi H phi erf_activation erf_derivative sigmoid "
             "sigmoid_derivative I2 I3 I4 soft_threshold firm_threshold classification_error_linear regression_error_linear "
             "gaussian_integral_1d gaussian_integral_2d gaussian_integral_nd teacher_student_integral conditional_expectation "
             "OrderParameterCalculator auto_calc_order_params",
    "utils.seed": "fix_seed get_device",
    "utils.order_params": "OrderParameterCalculator auto_calc_order_params OrderParameters ModelType TaskType",
    "dataset": "GaussianDataset GaussianClassificationDataset GaussianMultiOutputDataset",
    "dataset.base": "BaseDataset",
    "model": "LinearRegression CommitteeMachine SoftCommitteeMachine TwoLayerNetwork",
    "model.committee": "SoftCommitteeMachine", "model.base": "BaseModel",
    "loss": "RidgeLoss MSELoss LassoLoss", "loss.base": "BaseLoss",
    "simulation": "ReplicaSimulation OnlineSimulation SimulationConfig SimulationRunner TheoryType",
    "theory.base": "TheoryResult TheoryType",
    "theory.replica": "SaddlePointSolver GaussianLinearRidgeEquations",
    "theory.online": "ODESolver GaussianLinearMseEquations",
    "vis": "ComparisonPlotter OrderParamPlotter PhaseDiagramPlotter apply_paper_style DEFAULT_FIGSIZE "
           "plot_generalization_error_alpha plot_order_params_alpha plot_order_params_time plot_from_replica_results",
}


@pytest.mark.parametrize("path", PEER_MODULES)
def test_peer_module_path_resolves(path):
    importlib.import_module(f"statphys_nb.{path}")


@pytest.mark.parametrize("mod", sorted(PEER_NAMES))
def test_peer_names_resolve(mod):
    m = importlib.import_module(f"statphys_nb.{mod}")
    missing = [n for n in PEER_NAMES[mod].split() if not hasattr(m, n)]
    assert not missing, f"statphys_nb.{mod} lacks {missing}"


def test_alias_modules_hold_the_real_objects():
    from statphys_nb.model.committee import SoftCommitteeMachine
    from statphys_nb.model import SoftCommitteeMachine as real
    from statphys_nb.theory.replica.scenario.gaussian_linear_ridge import GaussianLinearRidgeEquations
    from statphys_nb.theory.replica import GaussianLinearRidgeEquations as real_eq
    assert SoftCommitteeMachine is real and GaussianLinearRidgeEquations is real_eq
    with pytest.raises(ModuleNotFoundError):
        importlib.import_module("statphys_nb.model.not_a_module")


def test_unchanged_old_code_runs_with_alias_statphys(tmp_path):
    "`alias_statphys()` lets code that says `statphys` run unchanged (in a fresh interpreter)."
    script = tmp_path / "old.py"
    script.write_text(textwrap.dedent("""
        import statphys_nb.compat; statphys_nb.compat.alias_statphys()
        import statphys
        from statphys.utils import fix_seed
        from statphys.theory.base import TheoryResult, TheoryType
        from statphys.model.committee import SoftCommitteeMachine
        import statphys_nb
        assert statphys is statphys_nb and SoftCommitteeMachine is statphys_nb.model.SoftCommitteeMachine
        assert statphys_nb.__spec__.name == "statphys_nb"
        print("ok")
    """))
    out = subprocess.run([sys.executable, str(script)], capture_output=True, text=True, timeout=300,
                         env={**__import__("os").environ, "PYTHONPATH": str(ROOT)})
    assert out.returncode == 0 and out.stdout.strip().endswith("ok"), out.stderr


def test_readme_utilities_values():
    from statphys_nb import utils as U
    from scipy import stats
    x = np.array([-1.0, 0.3, 5.0])
    np.testing.assert_allclose(U.gaussian_cdf(x, 0.5, 2.0), stats.norm(0.5, 2.0).cdf(x), rtol=1e-13)
    np.testing.assert_allclose(U.gaussian_tail(30.0), stats.norm.sf(30.0), rtol=1e-10)
    np.testing.assert_allclose(U.erf_derivative(0.7), (U.erf_activation(0.7 + 1e-6) - U.erf_activation(0.7 - 1e-6)) / 2e-6, rtol=1e-8)
    assert U.firm_threshold(1.5, 1.0, 2.0) == pytest.approx(1.0)
    assert U.classification_error_linear(0.0, 1.0) == pytest.approx(0.5)
    assert U.regression_error_linear(1.0, 1.0, 1.0, eta=0.2) == pytest.approx(0.1)
    assert U.gaussian_integral_1d(lambda z: z**4, 0.0, 2.0) == pytest.approx(12.0)       # 3 σ⁴ with σ² = 2
    assert U.teacher_student_integral(lambda u, z: u * z, 0.4, 0.8, 1.0) == pytest.approx(0.4)
    assert U.conditional_expectation(lambda z: z**2, 1.0, 0.5, 1.0) == pytest.approx(0.25 + 0.75)


def test_bad_input_names_argument_value_and_allowed():
    from statphys_nb import utils as U
    from statphys_nb.utils.special_functions import I3
    with pytest.raises(ValueError, match=r"sigma=-1.*invalid"):
        U.gaussian_pdf(0.0, sigma=-1)
    with pytest.raises(ValueError, match=r"method='simpson'.*hermite"):
        U.gaussian_integral_1d(np.cos, method="simpson")
    with pytest.raises(ValueError, match=r"m=2.0, q=1.0, rho=1.0 .*m\^2 <= q\*rho"):
        U.teacher_student_integral(lambda u, z: u, 2.0, 1.0)
    with pytest.raises(TypeError, match="approximation"):
        I3(0.1, 0.2, 0.3)


def _result():
    from statphys_nb.results import SimulationResult, TheoryResult
    a = np.array([0.5, 1.0, 2.0]); allv = np.random.default_rng(0).random((4, 3, 3))       # [seeds, α, params]
    th = TheoryResult("replica", {"m": a / (1 + a), "q": a / (2 + a), "eg": 1 / (1 + a)}, a)
    x = {"alpha_values": a, "order_param_names": ["m", "q", "eg"], "order_params_all": allv,
         "order_params_mean": allv.mean(0), "order_params_std": allv.std(0)}
    return SimulationResult(x, th, {"theory_type": "replica", "n_seeds": 4}), allv


def test_result_api_and_round_trip(tmp_path):
    from statphys_nb.results import SimulationResult, TheoryResult
    from statphys_nb.theory.base import TheoryType
    from statphys_nb.simulation import TheoryType as SimTheoryType
    r, allv = _result()
    assert r.theory_type == TheoryType.REPLICA and r.theory_type == SimTheoryType.REPLICA and r.theory_type == "replica"
    np.testing.assert_allclose(r.get_experiment_mean("order_params_all")[:, 2], allv[:, :, 2].mean(0))
    np.testing.assert_allclose(r.get_experiment_std("order_params_all"), allv.std(0))
    np.testing.assert_allclose(r.get_theory_values("eg"), r.theory_results.get_order_param("eg"))
    th = r.theory_results
    assert "m" in th and "V" not in th and list(th.keys()) == ["m", "q", "eg"]
    d = th.to_dict(); assert d["theory_type"] == "replica" and d["order_params"]["m"] == list(th["m"])
    assert TheoryResult.from_dict({**d, "theory_type": "online"}).theory_type == TheoryType.ONLINE
    r.save(tmp_path / "r"); back = SimulationResult.load(tmp_path / "r")
    assert back.theory_type == TheoryType.REPLICA and back.theory_results.theory_type == TheoryType.REPLICA
    np.testing.assert_allclose(back.experiment_results["order_params_mean"], allv.mean(0))
    assert '"theory_type": "replica"' in (tmp_path / "r.json").read_text()
    with pytest.raises(ValueError, match="per-seed arrays"):
        r.get_experiment_mean("order_params_mean")
    with pytest.raises(KeyError):
        th.get_order_param("V")


def test_solver_and_equations_api():
    from statphys_nb.theory.replica import SaddlePointSolver, GaussianLinearRidgeEquations, GaussianLinearLogisticEquations
    from statphys_nb.theory.replica import GaussianLinearLassoEquations, GaussianLinearHingeEquations
    from statphys_nb.theory.online import ODESolver, GaussianLinearMseEquations
    eq = GaussianLinearRidgeEquations(rho=1.0, eta=0.1, reg_param=0.1)
    assert eq.generalization_error(m=1.0, q=1.0, rho=1.0) == pytest.approx(0.0)
    assert GaussianLinearLogisticEquations(rho=1.0).generalization_error(0.0, 1.0) == pytest.approx(0.5)
    s = SaddlePointSolver(eq, order_params=["m", "q", "eg"])
    assert s.get_theory_type() == "replica" and s.get_config()["tol"] == s.tol
    res = s.solve([2.0]); sa = eq.solve_all([2.0])
    for k in ("m", "q", "eg"): assert sa[k][0] == pytest.approx(res[k][0], rel=1e-7)
    assert eq.generalization_error(m=res["m"][0], q=res["q"][0]) == pytest.approx(res["eg"][0], rel=1e-7)
    assert eq.get_order_param_names() == list(eq.variables) and len(eq.get_default_init()) == len(eq.variables)
    assert eq.get_scenario_info()["class"] == "GaussianLinearRidgeEquations"
    assert GaussianLinearHingeEquations(margin=0.0).critical_capacity() == pytest.approx(2.0)
    lasso = GaussianLinearLassoEquations(rho=1.0, eta=0.1, reg_param=0.5)
    assert 0 < lasso.sparsity(alpha=1.0) < 1
    o = ODESolver(GaussianLinearMseEquations(rho=1.0, lr=0.1), order_params=["m", "q"])
    assert o.get_theory_type() == "online" and o.get_config()["method"] == "RK45"


def test_plotters_peer_keywords_and_layout():
    import matplotlib; matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    from statphys_nb.vis import ComparisonPlotter, OrderParamPlotter, plot_from_replica_results
    r, allv = _result()
    fig, ax = ComparisonPlotter(theory_linestyle="--").plot_theory_vs_experiment(r, params_to_plot=["m", "eg"], param_indices={"m": 0, "eg": 2})
    np.testing.assert_allclose(ax.lines[0].get_ydata(), allv.mean(0)[:, 0])           # a column of [α, params]
    theory = [l for l in ax.lines if "theory" in str(l.get_label())]
    assert len(theory) == 2 and all(l.get_linestyle() == "--" for l in theory)
    fig, axes = ComparisonPlotter().plot_theory_vs_experiment(r, separate_plots=True, figsize=(6, 2))
    assert len(axes) == 3 and tuple(fig.get_size_inches()) == (6, 2)
    fig, ax = OrderParamPlotter().plot_from_result(r, param_indices={"m": 0, "q": 1, "eg": 2})
    fig, axes = plot_from_replica_results(r, show=False)
    r.experiment_results["order_params_mean"] = allv.mean(0).T[:2]                    # 2 rows for 3 α points: not [α, params]
    with pytest.raises(ValueError, match=r"expected \[points, params\]"):
        ComparisonPlotter().plot_theory_vs_experiment(r)
    plt.close("all")


def test_model_reset_parameters():
    import torch
    from statphys_nb.model import LinearRegression
    torch.manual_seed(3); ref = LinearRegression(d=20)
    m = LinearRegression(d=20)
    torch.manual_seed(3); m.reset_parameters()
    torch.testing.assert_close(m.W, ref.W)
