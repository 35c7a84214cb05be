"""Fuzz specs of the losses (`statphys_nb.loss`) and the datasets (`statphys_nb.dataset`, `.gaussian`, `.classification`,
`.sequence`): valid values for the callables whose required arguments the worker cannot guess."""
import numpy as np
from fuzz_worker import F, ARR, _torch

def _logits(): return ARR(5, 3)
def _classes(): return np.array([0.0, 1, 2, 0, 1])
_MULTI = dict(z=F(_logits), y=F(_classes))

OVERRIDES = {
    "statphys_nb.loss.get_loss": dict(name="ridge"),
    "statphys_nb.loss.LassoLoss.penalty": dict(w=F(lambda: _torch().randn(8))),
    "statphys_nb.loss.ElasticNetLoss.penalty": dict(w=F(lambda: _torch().randn(8))),
    **{f"statphys_nb.loss.{c}.{m}": _MULTI for c in ("SoftmaxCrossEntropyLoss", "MultiMarginLoss") for m in ("loss", "dloss", "d2loss")},
}

NOT_INVALID = {}
INSTANCES = {}
SKIP = {}
GATED = []
