"""Fuzz spec of the replica theory modules (`statphys_nb.theory.replica.*`): valid baseline calls and documented-valid values."""
import numpy as np
from fuzz_worker import F, ARR, _dataset

R = "statphys_nb.theory.replica"

def _ridge():
    from statphys_nb.theory.replica.ridge import GaussianLinearRidgeEquations
    return GaussianLinearRidgeEquations()

def _spectrum():
    from statphys_nb.theory.replica.gcm import GCMSpectrum
    return GCMSpectrum(np.linspace(0.5, 1.5, 7))

def _structured():
    from statphys_nb.dataset import StructuredDataset
    return StructuredDataset(d=8, cov_matrix=np.diag(np.linspace(0.5, 1.5, 8)), W0=np.ones(8))

_A2 = F(lambda: np.array([0.5, 1.0]))
_LABELS = F(lambda: np.sqrt(2.0)*np.sign(np.random.default_rng(3).standard_normal(40)))   # sign-committee labels (K = 2, η = 0)

OVERRIDES = {
    # solver
    f"{R}.solver.CallableEquations": dict(fn=F(lambda: (lambda m, alpha: np.tanh(alpha*m + 0.1))), variables=["m"]),
    f"{R}.solver.ReplicaEquations.residual": lambda: ((), dict(alpha=1.0, m=0.5, q=0.6, V=1.0, delta=0.6)),   # the state as keywords
    f"{R}.solver.SaddlePointSolver.sweep": dict(name="reg_param", values=[0.1, 0.2], alpha_values=_A2),
    # ridge, lasso, logistic, hinge
    f"{R}.lasso.GaussianLinearLassoEquations.sparsity": dict(alpha=1.0),
    f"{R}.lasso.donoho_tanner_alpha": dict(eps=0.3),
    f"{R}.logistic.prox_margin": dict(loss="logistic", a=F(lambda: np.linspace(-1.0, 1.0, 7)), V=1.0),
    f"{R}.hinge.gardner_capacity": dict(kappa=0.5),
    # committee
    f"{R}.committee.CommitteeMachineEquations.channel_average": dict(qu=F(lambda: np.array([0.3])), qv=F(lambda: np.array([0.2])), alpha=F(lambda: np.array([1.0]))),
    f"{R}.committee.bvn_cdf": dict(h=F(lambda: np.linspace(-1.0, 1.0, 5)), k=F(lambda: np.linspace(-0.5, 1.5, 5)), r=0.3),
    f"{R}.committee.committee_channel": dict(w1=F(lambda: np.linspace(-1.0, 1.0, 5)), w2=F(lambda: np.linspace(-0.5, 1.5, 5)), s1=1.0, s2=0.8, r=0.3),
    f"{R}.committee.committee_xi_rule": dict(qu=F(lambda: np.array([0.3, 0.5])), qv=F(lambda: np.array([0.2, 0.1])), n_theta=4, n_r=4),
    f"{R}.committee.committee_amp": dict(X=F(lambda: ARR(40, 8)), y=_LABELS, max_iter=10, n_runs=1),
    f"{R}.committee.committee_predict": dict(W=F(lambda: ARR(8, 2)), C=F(lambda: 0.5*np.eye(2)), X=F(lambda: ARR(16, 8))),
    # Bayes perceptron
    f"{R}.bayes_perceptron.truncated_gaussian_hmc": dict(F=F(lambda: np.abs(ARR(5, 4)) + 0.1), w_init=F(lambda: np.ones(4)), n_samples=4, burn_in=2, progress=False),
    # GCM
    f"{R}.gcm.GCMSpectrum": dict(omega=F(lambda: np.linspace(0.5, 1.5, 7))),
    f"{R}.gcm.GCMEquations": dict(spectrum=F(_spectrum)),
    f"{R}.gcm.psd_eigh": dict(C=F(lambda: np.diag([1.0, 2.0, 3.0])), name="C"),
    f"{R}.gcm.spectrum_from_eigen": dict(eigenvalues=F(lambda: np.linspace(0.5, 1.5, 7))),
    f"{R}.gcm.spectrum_from_covariances": dict(Omega=F(lambda: np.diag(np.linspace(0.5, 1.5, 6)))),
    f"{R}.gcm.gcm_linear_order_params": dict(W=F(lambda: ARR(2, 8)), W0=F(lambda: ARR(8)), Sigma=F(lambda: np.eye(8))),
    f"{R}.gcm.spectrum_for_dataset": dict(dataset=F(_structured)),
    f"{R}.gcm.simulate_gcm_linear": dict(dataset=F(_structured), loss="ridge", alpha_values=_A2, reg_param=0.1, n_seeds=2),
    f"{R}.gcm.gcm_compare": dict(dataset=F(_structured), loss="ridge", alpha_values=_A2, reg_param=0.1, n_seeds=2, theory_points=4),
    # random features
    f"{R}.random_features.rf_coefficients": dict(activation="erf"),
    f"{R}.random_features.rf_spectrum": dict(activation="erf", p_over_d=2.0, n_nodes=40),
    f"{R}.random_features.rf_equations": dict(activation="erf", p_over_d=2.0, n_nodes=40),
    f"{R}.random_features.RandomFeaturesEquations": dict(spectrum_nodes=40),
    f"{R}.random_features.mei_montanari_risk": dict(psi1=1.5, psi2=2.0, lam_bar=0.1, zeta=1.0),
    f"{R}.random_features.rf_population_overlaps": dict(a=F(lambda: ARR(2, 12)), F=F(lambda: ARR(12, 8)), theta0=F(lambda: ARR(2, 8)), activation="erf"),
    f"{R}.random_features.simulate_random_features": dict(loss="ridge", alpha_values=_A2, d=8, p=12, n_seeds=2, n_test=50),
    f"{R}.random_features.rf_compare": dict(loss="ridge", alpha_values=_A2, d=8, p=12, n_seeds=2, theory_points=4),
    f"{R}.random_features.gcm_equations_for": dict(dataset=F(_dataset), loss="ridge", reg_param=0.1),
    f"{R}.random_features.gcm_theory_for": dict(dataset=F(_dataset), model=None, loss="ridge", alpha_values=_A2, reg_param=0.1),
    f"{R}.random_features.gcm_exact_sweep": dict(datasets=F(lambda: [_dataset()]), models=[None], X=F(lambda: ARR(1, 16, 8)), y=F(lambda: ARR(1, 16)),
                                                 ns=F(lambda: np.array([8, 16])), loss="ridge", reg_param=0.1),
    # the package namespace
    f"{R}.get_replica_equations": dict(name="gaussian_linear_ridge"),
}

# methods of the base class, fuzzed on a concrete scenario (the base raises NotImplementedError for the scenario-specific ones)
def _callable_eqs():
    from statphys_nb.theory.replica.solver import CallableEquations
    return CallableEquations(lambda m, alpha: np.tanh(alpha*m + 0.1), ["m"], eg=lambda m, alpha: (1 - m)/2)

INSTANCES = {f"{R}.solver.ReplicaEquations": _ridge, f"{R}.solver.CallableEquations": _callable_eqs}

NOT_INVALID = {
    # ReplicaEquations(**params) stores any physical parameter by name (`eqs.params`, `eqs.<name>`): the base class of the
    # scenarios, whose constructors fix the names; an unknown name there is a new parameter, not an ignored keyword
    (f"{R}.solver.ReplicaEquations", "bogus_kw"): ("unknown_kw",),
    # the rows of X are samples (committee_predict) and the rows of F constraints (truncated_gaussian_hmc): any number is valid
    (f"{R}.committee.committee_predict", "X"): ("shape",),
    (f"{R}.bayes_perceptron.truncated_gaussian_hmc", "F"): ("shape",),
    # the rows of W are students (one per data set), W0 [d] is shared: one more row is one more data set
    (f"{R}.gcm.gcm_linear_order_params", "W"): ("shape",),
    # ns is the list of sample sizes: one more size is one more point of the curve
    (f"{R}.random_features.gcm_exact_sweep", "ns"): ("shape",),
}

SKIP = {}

GATED = [R] + [f"{R}.{m}" for m in ("solver", "ridge", "lasso", "logistic", "hinge", "probit", "committee", "bayes_perceptron", "gcm",
                                    "random_features")]
