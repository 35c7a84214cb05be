"""Quadrature accuracy of the theory integrals at stress points (issue 20): the GLM output channels (logistic, probit, hinge)
at large signal (m^2/q close to rho: steep teacher channel), small prox parameter V and large q, against a reference rule
that shares nothing with the production rule (composite Gauss-Legendre, 4000 panels of 8 nodes on [-12, 12] for the smooth
channels; 16x the nodes per branch for the hinge's piecewise rule), to 1e-6 relative."""
import numpy as np
import pytest

import statphys_nb.theory.replica.logistic as L
from statphys_nb.theory.replica import GaussianLinearLogisticEquations
from statphys_nb.theory.replica.logistic import candes_sur_h

STRESS = [  # (m, q, V): near-perfect alignment, large norm, tiny / large prox parameter
    (0.999, 1.0, 1.0), (0.99, 1.0, 0.01), (9.9, 100.0, 0.05), (0.5, 0.3, 1e-3), (2.0, 4.5, 20.0)]


def _reference_rule(n):
    x, w = np.polynomial.legendre.leggauss(8)
    e = np.linspace(-12, 12, 4001); a, b = e[:-1, None], e[1:, None]
    xi = ((a + b)/2 + (b - a)/2*x).ravel(); wt = ((b - a)/2*w).ravel()*np.exp(-xi**2/2)/np.sqrt(2*np.pi)
    return xi, wt


def _equations(loss, teacher):
    from statphys_nb.theory.replica import hinge, probit
    cls = {"logistic": GaussianLinearLogisticEquations, "probit": getattr(probit, "GaussianLinearProbitEquations", None),
           "hinge": getattr(hinge, "GaussianLinearHingeEquations", None)}[loss]
    if cls is None: pytest.skip(f"no equations class for {loss}")
    return cls(rho=1.0, eta=0.0 if teacher == "sign" else 0.05, reg_param=0.1, teacher=teacher)


@pytest.mark.parametrize("loss", ["logistic", "probit", "hinge"])
@pytest.mark.parametrize("teacher", ["sign", "probit"])
@pytest.mark.parametrize("mqV", STRESS)
def test_output_channel_stress(loss, teacher, mqV, monkeypatch):
    m, q, V = mqV
    if m**2 > q: pytest.skip("not a valid overlap")
    eq = _equations(loss, teacher)
    st = {"m": np.array([m]), "q": np.array([q]), "V": np.array([V])}
    got = np.array(eq._output_channel(st, np.array([2.0]), with_loss=True)).ravel()
    eq2 = _equations(loss, teacher)
    if loss == "hinge": ref = np.array(eq2._output_channel_split(st, np.array([2.0]), with_loss=True, n_per=1024, L=14.0)).ravel()
    else:
        monkeypatch.setattr(L, "_sinh_rule", _reference_rule)
        ref = np.array(eq2._output_channel(st, np.array([2.0]), with_loss=True)).ravel()
    err = np.abs(got - ref)/np.maximum(np.abs(ref), 1e-300)
    assert err.max() < 1e-6, f"{loss}/{teacher} at m,q,V={mqV}: relative errors {err} (got {got}, reference {ref})"


def test_candes_sur_h10():
    "h(10) = 0.098959 (mpmath: 0.0989587964459007) to 1e-6 and beyond."
    assert abs(candes_sur_h(10.0) - 0.0989587964459007) < 1e-9
