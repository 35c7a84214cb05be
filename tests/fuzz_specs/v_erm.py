"Fuzz spec for statphys_nb.erm (helper v_erm): valid baseline calls of the exact ERM solvers and the teacher data."
import numpy as np
from fuzz_worker import F, ARR

_LABELS = F(lambda: np.where(ARR(16) >= 0, 1.0, -1.0))   # ±1 labels for the 16 rows of X = ARR(16, 8)

OVERRIDES = {
    "statphys_nb.erm.is_separable": dict(X=F(lambda: ARR(16, 8)), y=_LABELS),
    "statphys_nb.erm.fit_erm": dict(kind="logistic", X=F(lambda: ARR(16, 8)), y=_LABELS, reg_param=0.1),
    "statphys_nb.erm.gaussian_teacher_data": dict(S=2, n=16, d=8),
    "statphys_nb.erm.overlaps": dict(W=F(lambda: ARR(3, 8)), W0=F(lambda: ARR(3, 8) + 1.0)),
}

GATED = {"statphys_nb.erm"}
