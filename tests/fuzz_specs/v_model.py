"Fuzz spec of the student models: statphys_nb.model (registry), .base, .linear, .networks, .sequence."
import numpy as np
from fuzz_worker import F, ARR, _torch


def _registry():
    "A registry of its own (the fuzzed `register` calls must not touch the package's global one), holding 'linear'."
    from statphys_nb.model import ModelRegistry, LinearRegression
    r = ModelRegistry(); r.register("linear", LinearRegression); return r


_M = "statphys_nb.model"
OVERRIDES = {
    f"{_M}.get_model": lambda: ((), dict(name="linear", d=8)),                 # d goes through **kwargs to the model
    f"{_M}.ModelRegistry.create": lambda: ((), dict(name="linear", d=8)),
    f"{_M}.ModelRegistry.get": dict(name="linear"),
    f"{_M}.base.init_weight_": dict(tensor=F(lambda: _torch().empty(3, 4))),
    f"{_M}.linear.RandomFeaturesModel.kernel": dict(x1=F(lambda: _torch().randn(3, 8)), x2=F(lambda: _torch().randn(4, 8))),
    f"{_M}.networks.get_activation": dict(name="relu"),
    f"{_M}.networks.activation_correlation": dict(g1="erf", g2="relu", c11=1.0, c12=0.5, c22=1.2),
    f"{_M}.networks.two_layer_generalization_error": dict(Q=F(lambda: np.eye(2)), M=F(lambda: np.full((2, 1), 0.5)), R=F(lambda: np.eye(1)),
                                                          c=F(lambda: np.full(2, 0.7)), v=F(lambda: np.ones(1))),
    f"{_M}.sequence.StateSpaceModel.forward": dict(u=F(lambda: _torch().randn(4, 5, 8))),
    f"{_M}.sequence.StateSpaceModel.forward_parallel": dict(u=F(lambda: _torch().randn(4, 5, 8))),
    f"{_M}.sequence.LinearSelfAttention.forward_icl": dict(context_x=F(lambda: _torch().randn(4, 5, 8)), context_y=F(lambda: _torch().randn(4, 5)),
                                                           query_x=F(lambda: _torch().randn(4, 8))),
}

INSTANCES = {f"{_M}.ModelRegistry": _registry}

NOT_INVALID = {
    # the tensor is the output buffer: init_weight_ overwrites every entry, so its old values (NaN, inf) do not matter
    (f"{_M}.base.init_weight_", "tensor"): {"nan", "inf"},
    # class indices run from 0 to K - 1: k = 0 is the first class
    (f"{_M}.linear.SoftmaxRegression.get_class_weights", "k"): {"zero"},
    # kernel(x1, x2) is the [n1, n2] Gram matrix between any two sets of points: one more row in either is valid
    (f"{_M}.linear.RandomFeaturesModel.kernel", "x1"): {"shape"},
    (f"{_M}.linear.RandomFeaturesModel.kernel", "x2"): {"shape"},
}

GATED = ("statphys_nb.model", "statphys_nb.model.base", "statphys_nb.model.linear", "statphys_nb.model.networks", "statphys_nb.model.sequence")
