"""Worker of tests/test_fuzz.py: enumerates every public callable of `statphys_nb` (functions and classes from each
module's `__all__`, plus the public methods of public classes), builds one valid call of each (the *baseline*), then
calls it with one bad value at a time and writes one JSON line per call to stdout.

Run by the test as `python tests/fuzz_worker.py I J SEED PER_CALLABLE` (start at callable I, bad call J); the test kills it when one call runs past the
time or memory limit and restarts it at the next call. `python tests/fuzz_worker.py --list` prints the plan.

Outcomes: 'named' (ValueError/TypeError whose message names the argument), 'unnamed' (any other exception, or a
message without the name), 'nan' (a NaN/inf returned silently), 'accepted' (a clearly invalid value accepted with a
finite result), 'ignored_kw' (an unknown keyword accepted), and, decided by the test: 'hang', 'alloc'.
"""
import sys, os, io, re, json, time, math, inspect, importlib, pkgutil, random, warnings, tempfile, contextlib, dataclasses, enum, signal
import numpy as np

warnings.simplefilter("ignore")
TMP = tempfile.mkdtemp(prefix="statphys-fuzz-")

# ---------------------------------------------------------------------------------------------------------------
# enumeration

SKIP = {  # callables not fuzzed, with the reason (each one a decision, reported by the test)
    "statphys_nb.cli.main": "the CLI entry point: parses sys.argv (its options are validated by argparse and tested in 54_cli)",
    "statphys_nb.docs": "docs builders: run subprocesses over the whole notebook tree (tested by tests/test_docs_page.py)",
}
for _n in ("check_number check_positive check_nonneg check_prob check_int check_bool check_str check_choice check_instance "
           "check_callable check_optional check_kwargs check_array check_name check_path_inside check_writable_dir "
           "array_nbytes check_alloc").split():
    SKIP[f"statphys_nb.{_n}"] = "a validator of the one validation path: raising on a bad value is its job (tested in 00_core)"

def _skipped(qual):
    return next((why for k, why in SKIP.items() if qual == k or qual.startswith(k + ".")), None)

def public_callables():
    "[(module, qualified name, object, kind)] with kind in 'function', 'class', 'method'; deduplicated by identity."
    import statphys_nb
    names = ["statphys_nb"] + [i.name for i in pkgutil.walk_packages(statphys_nb.__path__, "statphys_nb.")]
    seen, out = set(), []
    for mn in sorted(names):
        if mn.endswith("_modidx"): continue
        m = importlib.import_module(mn)
        for n in getattr(m, "__all__", []):
            o = getattr(m, n, None)
            if o is None or id(o) in seen: continue
            if not (inspect.isfunction(o) or inspect.isclass(o)): continue
            home = getattr(o, "__module__", "") or ""
            if not home.startswith("statphys_nb"): continue
            seen.add(id(o))
            if inspect.isclass(o):
                if issubclass(o, BaseException): continue
                if issubclass(o, enum.Enum): continue
                out.append((home, f"{home}.{n}", o, "class"))
                for k, v in sorted(vars(o).items()):
                    if k.startswith("_"): continue
                    if isinstance(v, (staticmethod, classmethod)): v = v.__func__
                    if inspect.isfunction(v): out.append((home, f"{home}.{n}.{k}", (o, k), "method"))
            else: out.append((home, f"{home}.{n}", o, "function"))
    return out

# ---------------------------------------------------------------------------------------------------------------
# valid values

def _torch(): import torch; return torch

def _model():
    from statphys_nb.model import LinearRegression
    return LinearRegression(d=8)

def _net():
    torch = _torch(); torch.manual_seed(0)
    return torch.nn.Sequential(torch.nn.Linear(8, 6), torch.nn.Tanh(), torch.nn.Linear(6, 1))

def _dataset():
    from statphys_nb.dataset import GaussianDataset
    return GaussianDataset(d=8)

class F:
    "A value built fresh for each call (arrays, models, ...)."
    def __init__(self, make): self.make = make
    def __call__(self): return self.make()
ARR = lambda *s: np.random.default_rng(sum(s)).standard_normal(s)

# values by parameter name, tried when a parameter has no default (functions of the value are called fresh each time)
BY_NAME = {
    "d": 8, "dim": 8, "input_dim": 8, "n": 16, "N": 8, "k": 2, "K": 2, "M": 2, "n_samples": 16, "batch_size": 4,
    "alpha": 1.0, "rho": 1.0, "eta": 0.1, "lam": 0.1, "reg_param": 0.1, "t": 1.0, "lr": 0.05, "gamma": 0.5,
    "beta": 1.0, "q": 0.5, "m": 0.3, "V": 0.5, "omega": 0.3, "delta": 0.1, "value": 1.0, "c": 0.5, "r": 0.5, "s": 0.5,
    "a": 0.5, "x_min": 0.1, "stderr": 0.1, "phase": "train", "kind": "ridge", "method": "hill", "qu": 0.5,
    "x": F(lambda: np.linspace(-1.0, 1.0, 7)), "y": F(lambda: np.linspace(0.5, 1.5, 7)), "z": F(lambda: np.linspace(-1.0, 1.0, 7)),
    "v": F(lambda: np.linspace(0.5, 1.5, 7)), "values": F(lambda: np.linspace(0.5, 1.5, 7)), "times": F(lambda: np.linspace(0, 1, 5)),
    "alpha_values": F(lambda: np.linspace(0.5, 2.0, 4)), "eigs": F(lambda: np.sort(ARR(40))), "w": F(lambda: ARR(8)),
    "W": F(lambda: ARR(8, 8)), "W0": F(lambda: ARR(8)), "X": F(lambda: ARR(16, 8)), "Q": F(lambda: np.eye(2)), "R": F(lambda: 0.5 * np.eye(2)),
    "C": F(lambda: np.eye(2)), "S": F(lambda: np.eye(2)), "A": F(lambda: np.eye(2)), "Z": F(lambda: ARR(5, 6)), "edges": F(lambda: np.geomspace(1, 100, 6)),
    "t_span": (0.0, 1.0), "m0": 0.1, "v0": 1.0, "rho0": F(lambda: np.ones(16) / 16), "z0": F(lambda: ARR(32, 1)),
    "data": F(lambda: np.abs(ARR(200)) + 1.0), "f": F(lambda: (lambda x: x)), "fn": F(lambda: (lambda **kw: None)),
    "model": F(_model), "dataset": F(_dataset), "name": "gaussian", "path": F(lambda: os.path.join(TMP, "fuzz-out")),
    "root": F(lambda: TMP), "params": F(lambda: {"lr": 0.1}), "results": None,
    "loss_fn": F(lambda: __import__("statphys_nb.loss", fromlist=["RidgeLoss"]).RidgeLoss(0.1)),
    "model_class": F(lambda: __import__("statphys_nb.model", fromlist=["LinearRegression"]).LinearRegression),
    "equations": F(lambda: __import__("statphys_nb.theory.replica.ridge", fromlist=["x"]).GaussianLinearRidgeEquations()),
}

# per-callable overrides: qualified name -> dict of valid keyword values, or a callable returning (args, kwargs)
OVERRIDES = {}
# instance factories for methods: class qualified name -> callable returning a ready instance
INSTANCES = {}

def _resolve(v): return v() if isinstance(v, F) else v

def _params(f):
    try: sig = inspect.signature(f)
    except (TypeError, ValueError): return None
    return [p for p in sig.parameters.values() if p.name not in ("self", "cls")]

def baseline_call(qual, obj, kind):
    "(target callable, args, kwargs, params) for one valid call, or raise LookupError saying what is missing."
    if kind == "method":
        cls, meth = obj
        cq = qual.rsplit(".", 1)[0]
        inst = INSTANCES[cq]() if cq in INSTANCES else _instance(cq, cls)
        f = getattr(inst, meth)
        raw = inspect.getattr_static(cls, meth)
        target_sig = raw.__func__ if isinstance(raw, (staticmethod, classmethod)) else raw
    else:
        f = obj; target_sig = obj.__init__ if kind == "class" else obj
    ps = _params(target_sig if kind != "class" else obj)
    if ps is None: raise LookupError("no signature")
    ov = OVERRIDES.get(qual)
    if callable(ov): args, kw = ov(); return f, list(args), dict(kw), ps
    kw = {}
    for p in ps:
        if p.kind in (p.VAR_POSITIONAL, p.VAR_KEYWORD): continue
        if ov and p.name in ov: kw[p.name] = _resolve(ov[p.name]); continue
        if p.default is not p.empty: continue
        if p.name in BY_NAME and BY_NAME[p.name] is not None: kw[p.name] = _resolve(BY_NAME[p.name]); continue
        raise LookupError(f"no valid value for required parameter {p.name!r}")
    args = [kw.pop(p.name) for p in ps if p.kind == p.POSITIONAL_ONLY and p.name in kw]
    return f, args, kw, ps

def _instance(cq, cls):
    f, args, kw, _ = baseline_call(cq, cls, "class")
    return f(*args, **kw)

# ---------------------------------------------------------------------------------------------------------------
# bad values

POSITIVE = set("d dim input_dim n N k K M n_samples batch_size n_seeds n_steps steps n_iter max_iter n_points alpha_steps "
               "hidden width depth n_layers n_heads n_chars n_words seq_len L dt lr learning_rate D D0 tol rtol atol "
               "n_saves n_bins window hill_k n_particles n_cells rho x_min decay sigma_max temperature T".split())
NONNEG = set("eta reg_param lam l1_ratio noise noise_std sigma std var variance v0 v1 v2 beta seed momentum weight_decay "
             "delta_D D_inf kappa p_flip dropout warmup patience min_delta".split())
FREE_TEXT = set("name label title xlabel ylabel zlabel path out root prefix desc description color style fmt "
                "suffix tag key text".split())

def _is_num(v): return isinstance(v, (int, float, np.integer, np.floating)) and not isinstance(v, (bool, np.bool_))
def _is_arr(v):
    if isinstance(v, np.ndarray): return v.dtype.kind in "fiu" and v.size > 0
    return type(v).__module__.startswith("torch") and hasattr(v, "shape") and getattr(v, "ndim", 0) > 0

def _ann_allows(p, typ):
    a = p.annotation
    if a is p.empty: return None
    s = a if isinstance(a, str) else getattr(a, "__name__", str(a))
    names = {"str": "str", type(None): "None", list: "list", dict: "dict"}
    key = names.get(typ, typ)
    return key in s or "Any" in s

def mutations(ps, kw, args):
    "[(param, label, bad value, clearly_invalid)] for a call whose valid keywords are `kw`."
    out = []
    arrays = [p.name for p in ps if p.name in kw and _is_arr(kw[p.name])]
    for p in ps:
        if p.kind in (p.VAR_POSITIONAL, p.VAR_KEYWORD, p.POSITIONAL_ONLY): continue
        v = kw.get(p.name, p.default)
        if v is p.empty: continue
        nm = p.name
        none_ok = p.default is None or _ann_allows(p, type(None))
        if _is_num(v):
            out += [(nm, "nan", float("nan")), (nm, "str", "bogus"), (nm, "dict", {})]
            if not (isinstance(v, float) and math.isinf(v)) and nm not in ("tau", "t_max", "t1"): out.append((nm, "inf", float("inf")))
            if nm in POSITIVE or nm in NONNEG: out.append((nm, "negative", -1 if isinstance(v, (int, np.integer)) else -0.5))
            if nm in POSITIVE: out.append((nm, "zero", 0 if isinstance(v, (int, np.integer)) else 0.0))
            if not none_ok: out.append((nm, "None", None))
        elif isinstance(v, (bool, np.bool_)):
            out += [(nm, "str", "bogus"), (nm, "list", [1])]
            if not none_ok: out.append((nm, "None", None))
        elif isinstance(v, str):
            if nm not in FREE_TEXT: out.append((nm, "option", "bogus_option"))
            out += [(nm, "list", [1]), (nm, "dict", {})]
            if not none_ok: out.append((nm, "None", None))
        elif _is_arr(v):
            a = np.asarray(v.detach().cpu() if hasattr(v, "detach") else v, float)
            nanv = a.copy(); nanv.flat[0] = np.nan
            infv = a.copy(); infv.flat[-1] = np.inf
            out += [(nm, "nan", _like(v, nanv)), (nm, "inf", _like(v, infv)), (nm, "empty", _like(v, a[:0])),
                    (nm, "str", "bogus"), (nm, "dict", {})]
            if len(arrays) >= 2: out.append((nm, "shape", _like(v, np.concatenate([a, a[:1]], 0))))
            if not none_ok: out.append((nm, "None", None))
        elif callable(v) and not inspect.isclass(v):
            out += [(nm, "str", "bogus"), (nm, "dict", {})]
            if not none_ok: out.append((nm, "None", None))
        elif v is not None and not isinstance(v, (tuple, list, dict)) :
            out += [(nm, "str", "bogus"), (nm, "list", [1])]
            if not none_ok: out.append((nm, "None", None))
    out.append(("bogus_kw", "unknown_kw", 1))
    return out

def _like(v, a):
    if type(v).__module__.startswith("torch"):
        torch = _torch(); return torch.as_tensor(a, dtype=v.dtype if v.dtype.is_floating_point else torch.float32)
    return a

# ---------------------------------------------------------------------------------------------------------------
# outcome

def _nonfinite(x, depth=0):
    if depth > 4: return False
    if isinstance(x, (float, np.floating)): return not math.isfinite(float(x))
    if isinstance(x, complex): return not (math.isfinite(x.real) and math.isfinite(x.imag))
    if isinstance(x, np.ndarray): return x.dtype.kind in "fc" and x.size > 0 and not np.isfinite(x).all()
    if type(x).__module__.startswith("torch") and hasattr(x, "isfinite"):
        try: return bool(x.is_floating_point() and x.numel() and not x.detach().isfinite().all())
        except Exception: return False
    if isinstance(x, dict): return any(_nonfinite(v, depth + 1) for v in list(x.values())[:50])
    if isinstance(x, (list, tuple)): return any(_nonfinite(v, depth + 1) for v in list(x)[:50])
    if dataclasses.is_dataclass(x) and not isinstance(x, type):
        return any(_nonfinite(getattr(x, f.name), depth + 1) for f in dataclasses.fields(x))
    return False

def classify(exc, result, param, label):
    if exc is None:
        if label == "unknown_kw": return "ignored_kw"
        return "nan" if _nonfinite(result) else "accepted"
    msg = str(exc)
    if isinstance(exc, (ValueError, TypeError)) and re.search(rf"(?<![A-Za-z0-9_]){re.escape(param)}(?![A-Za-z0-9_])", msg):
        return "named"
    return "unnamed"

# ---------------------------------------------------------------------------------------------------------------

def _close_figs():
    if "matplotlib.pyplot" in sys.modules: sys.modules["matplotlib.pyplot"].close("all")

_REC = None
def _emit(**rec):
    "One JSON record on the worker's record channel (the original stdout; everything else printed goes to /dev/null)."
    global _REC
    if _REC is None:
        _REC = os.fdopen(os.dup(1), "w", buffering=1)
        null = os.open(os.devnull, os.O_WRONLY); os.dup2(null, 1); os.close(null)
        sys.stdout = open(os.devnull, "w")
    _REC.write(json.dumps(rec, default=str) + "\n"); _REC.flush()

def _sample(muts, qual, seed, per_callable):
    "A seeded subset of `per_callable` mutations (always keeping the unknown keyword); all of them if 0."
    if not per_callable or len(muts) <= per_callable: return muts
    rng = random.Random(f"{seed}:{qual}")
    keep = sorted(rng.sample(range(len(muts) - 1), per_callable - 1)) + [len(muts) - 1]
    return [muts[j] for j in keep]

def run(start_i=0, start_j=-1, seed=0, per_callable=0, only=None):
    "Records: begin (i, j) before each call; then one of skipped / no_baseline / res; end at the end."
    _emit(t="hello")
    calls = [c for c in public_callables() if not only or re.search(only, c[1])]
    sink = io.StringIO()
    for i, (mod, qual, obj, kind) in enumerate(calls):
        if i < start_i: continue
        why = _skipped(qual)
        if why is not None: _emit(t="skipped", i=i, mod=mod, qual=qual, kind=kind, why=why); continue
        first = start_j if i == start_i else -1
        _emit(t="begin", i=i, j=-1, qual=qual); t_start = time.perf_counter()
        try:
            with contextlib.redirect_stdout(sink), contextlib.redirect_stderr(sink):
                f, args, kw, ps = baseline_call(qual, obj, kind)
                res = f(*args, **kw)
                if _nonfinite(res): raise LookupError("the valid baseline call returned NaN/inf")
        except BaseException as e:
            if isinstance(e, KeyboardInterrupt): raise
            _close_figs()
            _emit(t="no_baseline", i=i, mod=mod, qual=qual, kind=kind, why=f"{type(e).__name__}: {str(e)[:300]}"); continue
        _close_figs(); sink.seek(0); sink.truncate()
        muts = _sample(mutations(ps, kw, args), qual, seed, per_callable)
        _emit(t="baseline", i=i, mod=mod, qual=qual, kind=kind, n=len(muts), muts=[[m[0], m[1]] for m in muts],
              seconds=round(time.perf_counter() - t_start, 4))
        for j, (param, label, bad) in enumerate(muts):
            if j <= first: continue
            _emit(t="begin", i=i, j=j); t_start = time.perf_counter()
            try:
                with contextlib.redirect_stdout(sink), contextlib.redirect_stderr(sink):
                    f, args, kw2, _ = baseline_call(qual, obj, kind)
                    kw2 = dict(kw2); kw2[param] = bad
                    res = f(*args, **kw2)
                exc = None
            except BaseException as e:
                if isinstance(e, KeyboardInterrupt): raise
                exc, res = e, None
            _close_figs(); sink.seek(0); sink.truncate()
            _emit(t="res", i=i, j=j, mod=mod, qual=qual, param=param, label=label, outcome=classify(exc, res, param, label),
                  msg=None if exc is None else f"{type(exc).__name__}: {str(exc)[:200]}", seconds=round(time.perf_counter() - t_start, 4))
            res = None
    _emit(t="end")

if __name__ == "__main__":
    if sys.argv[1:2] == ["--list"]:
        for mod, qual, obj, kind in public_callables(): print(kind, qual)
    else:
        si, sj, seed, per = (int(a) for a in sys.argv[1:5])
        run(si, sj, seed, per, only=os.environ.get("FUZZ_ONLY") or None)
