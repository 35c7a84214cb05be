"""Quadrature accuracy and cost of the theory integrals (issue 20), side by side in one run.

1. Candès–Sur h(gamma): the old rule (200x200 Gauss–Hermite in (v, z), minimized over t; re-implemented here) vs the
   package's `candes_sur_h` (closed-form z integral, Gauss–Legendre panels at the scales 1 and 1/gamma), against
   mpmath references (25 digits) at gamma = 0.5, 3, 10, 30: relative error and milliseconds per call.
2. GLM output channels (logistic, probit, hinge; sign and probit teachers) at the stress points of
   tests/test_quadrature.py: the largest relative error of (m^, q^, V^, train loss) against a composite-Gauss–Legendre
   reference. Target: 1e-6 everywhere.
Run:  python bench/quadrature.py  -> bench/results/quadrature.json
"""
import json, os, sys, tempfile, time
from pathlib import Path
import numpy as np
from scipy import optimize, special

ROOT = Path(__file__).resolve().parents[1]
REF = {0.5: 0.48161245612474834, 3.0: 0.27252160262066624, 10.0: 0.098958796445900679, 30.0: 0.033742705615054203}


def h_old(gamma, n=200):
    from statphys_nb.utils import gauss_hermite
    z, w = gauss_hermite(n); U = gamma*z[:, None]; Z = z[None, :]; W = w[:, None]*w[None, :]
    g = lambda t: sum((W*special.expit(y*U)*np.maximum(t*y*U + Z, 0)**2).sum() for y in (1.0, -1.0))
    return float(optimize.minimize_scalar(g, bounds=(-50, 50), method="bounded", options=dict(xatol=1e-10)).fun)


def timed(f, reps=3):
    t = time.perf_counter()
    for _ in range(reps): v = f()
    return v, 1e3*(time.perf_counter() - t)/reps


def main():
    from statphys_nb.theory.replica.logistic import candes_sur_h
    sys.path.insert(0, str(ROOT / "tests")); import test_quadrature as tq
    r = dict(candes_sur={}, glm_channels={}, load=os.getloadavg())
    for g, ref in REF.items():
        (vo, to), (vn, tn) = timed(lambda: h_old(g)), timed(lambda: candes_sur_h(g))
        r["candes_sur"][str(g)] = dict(reference=ref, old=vo, old_rel_err=abs(vo - ref)/ref, old_ms=to, new=vn, new_rel_err=abs(vn - ref)/ref, new_ms=tn)
        print(f"h({g:4}) ref {ref:.10f} | old {vo:.10f} rel.err {abs(vo - ref)/ref:.1e} {to:7.1f} ms | new {vn:.10f} rel.err {abs(vn - ref)/ref:.1e} {tn:6.1f} ms")

    class MP:   # a minimal stand-in for pytest's monkeypatch
        def __init__(self): self.undo = []
        def setattr(self, obj, name, val): self.undo.append((obj, name, getattr(obj, name))); setattr(obj, name, val)
        def restore(self): [setattr(o, n, v) for o, n, v in reversed(self.undo)]
    worst = 0.0
    for loss in ("logistic", "probit", "hinge"):
        for teacher in ("sign", "probit"):
            errs = []
            for m, q, V in tq.STRESS:
                eq, eq2 = tq._equations(loss, teacher), tq._equations(loss, teacher)
                st = {"m": np.array([m]), "q": np.array([q]), "V": np.array([V])}
                got = np.array(eq._output_channel(st, np.array([2.0]), with_loss=True)).ravel()
                mp = MP()
                try:
                    if loss == "hinge": ref = np.array(eq2._output_channel_split(st, np.array([2.0]), with_loss=True, n_per=1024, L=14.0)).ravel()
                    else: mp.setattr(tq.L, "_sinh_rule", tq._reference_rule); ref = np.array(eq2._output_channel(st, np.array([2.0]), with_loss=True)).ravel()
                finally: mp.restore()
                errs.append(float((np.abs(got - ref)/np.abs(ref)).max()))
            r["glm_channels"][f"{loss}/{teacher}"] = dict(max_rel_err=max(errs), per_point=errs); worst = max(worst, max(errs))
            print(f"{loss:8s}/{teacher:6s}: largest relative error over {len(errs)} stress points {max(errs):.1e}")
    r["pass"] = bool(worst < 1e-6 and all(v["new_rel_err"] < 1e-6 for v in r["candes_sur"].values()))
    out = ROOT / "bench/results/quadrature.json"; out.parent.mkdir(parents=True, exist_ok=True)
    fd, t = tempfile.mkstemp(dir=out.parent, suffix=".tmp")
    with os.fdopen(fd, "w") as f: json.dump(r, f, indent=1)
    os.replace(t, out); print(f"pass (1e-6): {r['pass']}; load {r['load']}")


if __name__ == "__main__":
    main()
