"""Seeded fuzz test of the whole public API (issues 16 and 23).

Every public callable — each function and class in a module's `__all__`, and each public method of those classes — is
called once validly and then with one bad value at a time against otherwise valid arguments: NaN, inf, a negative
number or zero (where the parameter must be positive), a wrong type (str, None, list, dict), an unknown keyword, an
unknown option string, an empty array, an array with a NaN/inf entry, a mismatched shape. The calls run in a worker
process (tests/fuzz_worker.py) that is killed when one call runs past `TIME_LIMIT_S` (a hang) or grows by more than
`ALLOC_LIMIT_BYTES` (an allocation beyond the stated limit); the package's own memory guard is set to `PACKAGE_MAX_BYTES`.

Pass criterion (the acceptance of issues 16 and 23), asserted for EVERY module of the package: 0 silent NaN,
0 clearly invalid values accepted, 0 ignored keywords,
0 hangs, 0 allocations beyond the limit, >= 98 % of all bad calls ending in a ValueError/TypeError that names the
argument (issue 16's target; issue 23 asks 95 %), and every public callable exercised (a valid baseline call exists) unless
skipped with a stated reason. Each module is also listed in the GATED tuple of the spec file of the group that brought it to
the criterion (tests/fuzz_specs/*.py); the test checks that every module of the package is gated.

Environment: FUZZ_SEED (default 0), FUZZ_PER_CALLABLE (bad calls sampled per callable, default 0 = all of them),
FUZZ_ONLY (regex on qualified names), FUZZ_REPORT (path: write the JSON records there).
Run alone: `python tests/test_fuzz.py` prints the table.
"""
import json, os, select, subprocess, sys, time, collections
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
WORKER = Path(__file__).with_name("fuzz_worker.py")
TIME_LIMIT_S = 10.0          # a bad call running longer is a hang
BASELINE_TIME_LIMIT_S = 60.0 # a valid call may first build caches (e.g. the McCulloch table)
ALLOC_LIMIT_BYTES = 2 * 10**9
PACKAGE_MAX_BYTES = 10**9
NAMED_TARGET = 0.98
OUTCOMES = ("named", "unnamed", "nan", "accepted", "ignored_kw", "hang", "alloc")

def _rss(pid):
    try:
        for line in open(f"/proc/{pid}/status"):
            if line.startswith("VmRSS:"): return int(line.split()[1]) * 1024
    except OSError: return None
    return None

def run_fuzz(seed=None, per_callable=None, only=None, time_limit=TIME_LIMIT_S, total_timeout=1800, progress=False):
    "Drive the worker over every call; return the list of records (one per call, plus skipped / no_baseline)."
    seed = int(os.environ.get("FUZZ_SEED", 0) if seed is None else seed)
    per = int(os.environ.get("FUZZ_PER_CALLABLE", 0) if per_callable is None else per_callable)
    env = dict(os.environ, MPLBACKEND="Agg", OMP_NUM_THREADS="1", TQDM_DISABLE="1", PYTHONPATH=str(ROOT),
               STATPHYS_NB_MAX_BYTES=str(PACKAGE_MAX_BYTES), PYTHONWARNINGS="ignore")
    if only: env["FUZZ_ONLY"] = only
    records, si, sj, t_end = [], 0, -1, time.monotonic() + total_timeout
    while True:
        p = subprocess.Popen([sys.executable, str(WORKER), str(si), str(sj), str(seed), str(per)], cwd=ROOT, env=env,
                             stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
        fd = p.stdout.fileno()
        cur, base_rss, deadline, buf, ended, killed, eof = None, None, None, b"", False, None, False
        while not ended and not eof:
            if time.monotonic() > t_end: p.kill(); raise TimeoutError("the fuzz run exceeded its total time budget")
            r, _, _ = select.select([fd], [], [], 0.05)
            if r:   # raw reads and our own line splitting: a buffered reader would hide complete lines from select
                chunk = os.read(fd, 1 << 16)
                if not chunk: eof = True
                buf += chunk
                *lines, buf = buf.split(b"\n")
                for line in lines:
                    try: rec = json.loads(line)
                    except ValueError: continue
                    if rec["t"] == "hello": continue
                    if rec["t"] == "begin":
                        cur = rec; deadline = time.monotonic() + (time_limit if rec["j"] >= 0 else max(time_limit, BASELINE_TIME_LIMIT_S))
                        if base_rss is None or rec["j"] == -1: base_rss = _rss(p.pid)
                        continue
                    if rec["t"] == "end": ended = True; break
                    records.append(rec); cur = None; deadline = None
                    if progress and rec["t"] != "res": print(f"[{time.strftime('%H:%M:%S')}] {rec['t']:11s} {rec.get('qual')} {rec.get('seconds', '')}", file=sys.stderr, flush=True)
                continue
            if cur is not None:
                rss = _rss(p.pid)
                if deadline and time.monotonic() > deadline: killed = "hang"
                elif rss and base_rss and rss - base_rss > ALLOC_LIMIT_BYTES: killed = "alloc"
                if killed: p.kill(); break
            if p.poll() is not None:
                r, _, _ = select.select([fd], [], [], 0)
                if not r: break
        p.wait()
        if ended: return records
        if cur is None: raise RuntimeError(f"the fuzz worker died outside a call (exit {p.returncode})")
        i, j = cur["i"], cur["j"]
        outcome = killed or "unnamed"        # a crash of the interpreter counts as an unnamed error
        if j == -1:
            records.append({"t": "no_baseline", "i": i, "qual": cur.get("qual"), "mod": cur.get("qual", "?").rsplit(".", 1)[0],
                            "why": f"baseline call {outcome}"})
            si, sj = i + 1, -1
        else:
            last = next(r for r in reversed(records) if r["t"] == "baseline" and r["i"] == i)
            param, label = last["muts"][j]
            records.append({"t": "res", "i": i, "j": j, "mod": last["mod"], "qual": last["qual"], "param": param, "label": label,
                            "outcome": outcome, "msg": f"killed: {outcome}" if killed else f"worker exit {p.returncode}"})
            si, sj = i, j

def summarize(records):
    "Per-module counts of outcomes, plus coverage (callables exercised / without baseline / skipped)."
    table = collections.defaultdict(lambda: collections.Counter())
    for r in records:
        if r["t"] == "res": table[r["mod"]][r["outcome"]] += 1
        elif r["t"] in ("baseline", "no_baseline", "skipped"): table[r["mod"]]["callables"] += 1; table[r["mod"]][r["t"]] += 1
    return table

def format_table(table):
    cols = OUTCOMES
    head = f"{'module':40s} {'calls':>6s} " + " ".join(f"{c:>10s}" for c in cols) + f" {'named %':>8s} {'no base':>7s} {'skip':>5s}"
    lines = [head, "-" * len(head)]
    tot = collections.Counter()
    for mod in sorted(table):
        c = table[mod]; n = sum(c[o] for o in cols); tot.update(c)
        lines.append(f"{mod:40s} {n:6d} " + " ".join(f"{c[o]:10d}" for o in cols) +
                     f" {100 * c['named'] / n if n else float('nan'):8.1f} {c['no_baseline']:7d} {c['skipped']:5d}")
    n = sum(tot[o] for o in cols)
    lines += ["-" * len(head), f"{'total':40s} {n:6d} " + " ".join(f"{tot[o]:10d}" for o in cols) +
              f" {100 * tot['named'] / max(n, 1):8.1f} {tot['no_baseline']:7d} {tot['skipped']:5d}"]
    return "\n".join(lines), tot

def failures(records, outcome, k=20):
    return [f"{r['qual']}({r['param']}={r['label']}): {r.get('msg')}" for r in records if r["t"] == "res" and r["outcome"] == outcome][:k]

# Modules brought to the full standard: every criterion of the docstring is asserted for them, so they cannot regress.
# The rest of the package is exercised and printed in the table (no hang and no runaway allocation is asserted for every
# module), but not yet held to the criterion: issues 16 and 23 stay open until a module joins this list.
GATED = ("statphys_nb.dyson.rbm", "statphys_nb.dyson.theory", "statphys_nb.dyson.training", "statphys_nb.fpe.checks",
         "statphys_nb.fpe.grid", "statphys_nb.fpe.learning", "statphys_nb.fpe.particles", "statphys_nb.fpe.theory",
         "statphys_nb.heavytail.estimators", "statphys_nb.heavytail.experiments", "statphys_nb.thermo.config", "statphys_nb.threads")

def gated_modules():
    "GATED plus the modules each spec file `tests/fuzz_specs/*.py` declares in its own GATED."
    sys.path.insert(0, str(WORKER.parent))
    import fuzz_worker
    return tuple(GATED) + tuple(g for m in fuzz_worker.load_specs() for g in getattr(m, "GATED", ()))

def _criterion_problems(records):
    "The docstring's pass criterion over `records`: a list of failure messages (empty when it holds)."
    tot = collections.Counter(r["outcome"] for r in records if r["t"] == "res"); n = sum(tot[o] for o in OUTCOMES)
    problems = []
    for o in ("nan", "accepted", "ignored_kw", "hang", "alloc"):
        if tot[o]: problems.append(f"{tot[o]} calls '{o}', e.g.\n  " + "\n  ".join(failures(records, o, 8)))
    if tot["named"] < NAMED_TARGET * n: problems.append(f"only {tot['named']}/{n} = {100 * tot['named'] / max(n, 1):.1f} % named (target {100 * NAMED_TARGET:.0f} %); "
                                                        "e.g.\n  " + "\n  ".join(failures(records, "unnamed", 8)))
    nob = [f"{r['qual']}: {r['why']}" for r in records if r["t"] == "no_baseline"]
    if nob: problems.append(f"{len(nob)} public callables without a valid baseline call, e.g.\n  " + "\n  ".join(nob[:8]))
    return problems

def test_fuzz_public_api(capsys):
    records = run_fuzz(only=os.environ.get("FUZZ_ONLY") or None)
    if os.environ.get("FUZZ_REPORT"): Path(os.environ["FUZZ_REPORT"]).write_text(json.dumps(records))
    text, tot = format_table(summarize(records))
    n = sum(tot[o] for o in OUTCOMES)
    with capsys.disabled(): print("\n" + text + f"\nwhole package: {100 * tot['named'] / max(n, 1):.1f} % named; gated modules: {len(gated_modules())}")
    assert n > 0
    gated_mods = gated_modules()
    if os.environ.get("FUZZ_ONLY"):   # a restricted run asserts the criterion for the gated modules it selected
        import re
        gated_mods = tuple(m for m in gated_mods if re.search(os.environ["FUZZ_ONLY"], m + ".") or any(r.get("mod") == m for r in records))
    gated = [r for r in records if r.get("mod") in gated_mods]
    assert {r["mod"] for r in gated if r["t"] == "res"} == set(gated_mods), "a gated module was not exercised"
    problems = [f"[whole package] {p}" for p in _criterion_problems(records)]
    ungated = sorted({r["mod"] for r in records if r["t"] == "res"} - set(gated_mods))
    if ungated: problems.append(f"modules exercised but not in any GATED list: {ungated}")
    assert not problems, "\n".join(problems)

if __name__ == "__main__":
    recs = run_fuzz(only=os.environ.get("FUZZ_ONLY") or None, progress=True)
    if os.environ.get("FUZZ_REPORT"): Path(os.environ["FUZZ_REPORT"]).write_text(json.dumps(recs))
    print(format_table(summarize(recs))[0])
