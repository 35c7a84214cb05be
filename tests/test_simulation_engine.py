"""Simulation engine: the documented result layout, any student trained as itself, honest flags (theory convergence, divergence,
stability limit) and named errors for bad input."""

import numpy as np
import pytest
import torch

from statphys_nb import fix_seed
from statphys_nb.dataset import GaussianDataset, GaussianMultiOutputDataset
from statphys_nb.loss import MSELoss, RidgeLoss
from statphys_nb.model import CommitteeMachine, LinearRegression, SoftCommitteeMachine, TwoLayerNetwork
from statphys_nb.simulation import OnlineSimulation, ReplicaSimulation, SimulationConfig, compare_with_theory, linear_order_params
from statphys_nb.simulation.replica import _STUDENT_SEED_OFFSET
from statphys_nb.simulation.online import simulate_online, teacher_sampler
from statphys_nb.theory.replica import GaussianLinearRidgeEquations, SaddlePointSolver


@pytest.fixture(scope="module")
def ridge_result():
    cfg = SimulationConfig.for_replica(alpha_range=(0.5, 2.0), alpha_steps=4, n_seeds=4, verbose=False, theory_points=20)
    sol = SaddlePointSolver(GaussianLinearRidgeEquations(eta=0.1, reg_param=0.1), ["m", "q"])
    return ReplicaSimulation(cfg).run(GaussianDataset(d=80, eta=0.1), LinearRegression, RidgeLoss(0.1), theory_solver=sol)


def test_replica_layout(ridge_result):
    x = ridge_result.experiment_results
    assert x["order_params_mean"].shape == (4, 3) and x["order_params_std"].shape == (4, 3) and x["order_params_sem"].shape == (4, 3)
    assert x["order_params_all"].shape == (4, 4, 3) and x["order_params_per_seed"].shape == (4, 4, 3)
    np.testing.assert_allclose(x["order_params_mean"], x["order_params_all"].mean(0), rtol=0, atol=1e-14)
    np.testing.assert_allclose(x["order_params_std"], x["order_params_all"].std(0, ddof=1), rtol=0, atol=1e-14)
    assert ridge_result.metadata["theory_converged_all"] and compare_with_theory(ridge_result)["agree"]


def test_compare_never_interpolates_unconverged_theory(ridge_result):
    import copy
    r = copy.deepcopy(ridge_result); th = r.theory_results
    i = int(np.flatnonzero(np.isclose(th.param_values, 1.5))[0]); th.converged[i + 1] = False      # a neighbour of no simulated point
    c = compare_with_theory(r)
    assert c["theory_converged"].all() and c["agree"]               # 1.5 is a theory point itself: its own value is used
    th.converged[i] = False
    c = compare_with_theory(r)
    assert c["theory_unconverged"] == [1.5] and np.isnan(c["eg"][2]) and not c["agree"]
    for bad in (float("nan"), float("inf"), 1.5, -0.1, 0.0, 1.0):
        with pytest.raises(ValueError, match="confidence="): compare_with_theory(ridge_result, confidence=bad)


def test_online_layout_and_flags():
    cfg = SimulationConfig.for_online(t_max=2.0, t_steps=5, n_seeds=3, lr=0.5, verbose=False)
    r = OnlineSimulation(cfg).run(GaussianDataset(d=60), LinearRegression, MSELoss())
    x = r.experiment_results
    assert x["trajectories_mean"].shape == (5, 3) and x["trajectories_std"].shape == (5, 3) and x["trajectories_all"].shape == (3, 5, 3)
    np.testing.assert_array_equal(x["t_values"], x["times"]); np.testing.assert_array_equal(x["trajectories_mean"], x["order_params_mean"])
    assert not x["diverged"].any() and x["converged"].all()


def test_online_stability_limit_and_divergence():
    ds = GaussianDataset(d=60)
    cfg = SimulationConfig.for_online(t_max=10.0, t_steps=3, n_seeds=2, lr=3.0, verbose=False)
    with pytest.raises(ValueError, match="stability limit"): OnlineSimulation(cfg).run(ds, LinearRegression, MSELoss())
    r = OnlineSimulation(cfg).run(ds, LinearRegression, MSELoss(), allow_unstable=True)
    assert r.experiment_results["diverged"].all() and r.metadata["diverged"] and not r.experiment_results["converged"][-1].any()
    # ridge raises the limit to 2(1 + λ): lr = 2.1 with λ = 0.1 is stable
    ok = OnlineSimulation(SimulationConfig.for_online(t_max=2.0, t_steps=3, n_seeds=2, lr=2.1, verbose=False)).run(ds, LinearRegression, RidgeLoss(0.1))
    assert not ok.experiment_results["diverged"].any()


@pytest.mark.parametrize("kw, msg", [({"kind": "bogus"}, "kind='bogus'"), ({"eta_noise": -1.0}, "eta_noise=-1.0"),
                                     ({"eta_noise": float("nan")}, "eta_noise=nan"), ({"lr": 0.0}, "lr=0.0")])
def test_simulate_online_bad_input(kw, msg):
    W0, Wi = torch.randn(20, dtype=torch.float64), torch.randn(2, 20, dtype=torch.float64)
    args = dict(lr=0.5); args.update(kw)
    with pytest.raises(ValueError, match=msg): simulate_online(W0, Wi, teacher_sampler(W0), lambda z, y: z - y[:, None], times=[0, 1], **args)


def test_online_run_bad_input():
    cfg = SimulationConfig.for_online(t_max=1.0, t_steps=3, n_seeds=2, verbose=False)
    with pytest.raises(ValueError, match="bogus_key"): OnlineSimulation(cfg).run(GaussianDataset(d=20), LinearRegression, MSELoss(), model_kwargs={"bogus_key": 1})
    with pytest.raises(ValueError, match="TwoLayerNetwork"): OnlineSimulation(cfg).run(GaussianDataset(d=20), TwoLayerNetwork, MSELoss())
    with pytest.raises(ValueError, match="online"): OnlineSimulation(SimulationConfig.for_replica())
    with pytest.raises(ValueError, match="task='bogus'"): linear_order_params(torch.ones(2, 3), torch.ones(3), task="bogus")


@pytest.mark.parametrize("kw, msg", [({"theory_points": -1}, "theory_points=-1"), ({"patience": float("nan")}, "patience=nan"),
                                     ({"verbose_interval": -1}, "verbose_interval=-1"), ({"max_iter": 0}, "max_iter=0"), ({"tol": -1e-3}, "tol=-0.001"),
                                     ({"optimizer": "lbfgs2"}, "optimizer='lbfgs2'"), ({"n_seeds": 2.5}, "n_seeds=2.5"), ({"alpha_range": (1.0,)}, "alpha_range")])
def test_config_validation(kw, msg):
    with pytest.raises((ValueError, TypeError), match=msg.replace("(", r"\(")): SimulationConfig(**kw)


def test_config_validated_on_assignment():
    c = SimulationConfig()
    for name, value in (("theory_points", -1), ("patience", float("nan")), ("verbose_interval", -1), ("lr", float("inf"))):
        with pytest.raises(ValueError, match=f"{name}="): setattr(c, name, value)
    with pytest.raises(AttributeError, match="alpah"): c.alpah = 1
    c.n_seeds = 2; assert c.seed_list == [100, 101]


def _plain_fit(dataset, seed, n, n_max, lr, tol, patience, max_iter, k=2):
    "An independent full-batch gradient-descent loop on the documented replica energy for one seed."
    fix_seed(seed); X, y = dataset.generate_dataset(n_max); X, y = X[:n].double(), y[:n].double()
    fix_seed((seed + _STUDENT_SEED_OFFSET) % 2**32)     # the student's own stream, apart from the data's (see `_build_student`)
    m = SoftCommitteeMachine(d=dataset.d, k=k).double(); opt = torch.optim.SGD(m.parameters(), lr=lr)
    prev, calm = float("inf"), 0
    for _ in range(max_iter):
        opt.zero_grad(); L = MSELoss(reg_param=0.01).for_replica(m(X), y, m); L.backward()
        calm = calm + 1 if abs(L.item() / n - prev) < tol else 0; prev = L.item() / n
        if calm >= patience: break
        opt.step()
    W = m.W.detach(); M, Q = W @ dataset.W0.double().T / dataset.d, W @ W.T / dataset.d
    return [M.mean().item(), Q.diagonal().mean().item(), Q[0, 1].item()]


def test_committee_student_is_trained_as_a_committee():
    ds = GaussianMultiOutputDataset(d=16, k=2, activation="erf", aggregation="mean")
    cfg = SimulationConfig.for_replica(alpha_range=(2.0, 2.0), alpha_steps=1, n_seeds=4, optimizer="sgd", lr=0.1, max_iter=1500, tol=1e-7,
                                       patience=10, verbose=False)
    r = ReplicaSimulation(cfg).run(ds, lambda d: SoftCommitteeMachine(d=d, k=2), MSELoss(reg_param=0.01))      # 4 seeds: the vmap path
    x = r.experiment_results
    assert x["order_param_names"] == ["m_avg", "q_diag_avg", "q_offdiag_avg", "eg"] and x["order_params_mean"].shape == (1, 4)
    for j, s in enumerate(cfg.seed_list):
        np.testing.assert_allclose(x["order_params_all"][j, 0, :3], _plain_fit(ds, s, 32, 32, 0.1, 1e-7, 10, 1500), rtol=0, atol=1e-9)
    lin = ReplicaSimulation(cfg.replace(optimizer="exact")).run(GaussianDataset(d=16), LinearRegression, MSELoss(reg_param=0.01))
    assert lin.experiment_results["order_param_names"] == ["m", "q", "eg"]


def test_unsupported_pairs_are_refused_by_name():
    ds = GaussianMultiOutputDataset(d=16, k=2, activation="erf", aggregation="mean")
    cfg = SimulationConfig.for_replica(alpha_range=(1.0, 1.0), alpha_steps=1, n_seeds=2, verbose=False, max_iter=50)
    with pytest.raises(ValueError, match="model_class=CommitteeMachine with loss_fn=MSELoss"): ReplicaSimulation(cfg).run(ds, CommitteeMachine, MSELoss())
    with pytest.raises(ValueError, match="bogus"): ReplicaSimulation(cfg).run(GaussianDataset(d=16), LinearRegression, RidgeLoss(0.1), bogus=1)
    with pytest.raises(ValueError, match="no registered theory"):
        ReplicaSimulation(cfg).run(GaussianDataset(d=16), LinearRegression, RidgeLoss(0.1), theory_solver="auto")


def test_user_calc_order_params_documented_form():
    "calc_order_params(dataset, model) as the 4th positional argument (the documented signature), on the exact path and the gradient path."
    ds = GaussianDataset(d=20)
    cfg = SimulationConfig.for_replica(alpha_range=(1.0, 2.0), alpha_steps=2, n_seeds=2, verbose=False)
    calc = lambda dataset, model: {"m": float(model.W @ dataset.W0) / dataset.d, "q": float(model.W @ model.W) / dataset.d}
    r = ReplicaSimulation(cfg).run(ds, LinearRegression, RidgeLoss(0.1), calc)
    base = ReplicaSimulation(cfg).run(ds, LinearRegression, RidgeLoss(0.1))
    assert r.experiment_results["order_param_names"] == ["m", "q"]
    np.testing.assert_allclose(r.experiment_results["order_params_all"], base.experiment_results["order_params_all"][..., :2], atol=1e-5)
    g = ReplicaSimulation(cfg.replace(optimizer="adam", lr=0.05, max_iter=200)).run(ds, LinearRegression, RidgeLoss(0.1), calc)
    assert g.experiment_results["order_params_mean"].shape == (2, 2) and g.metadata["method"] == "full-batch adam"
