"""Imports stay light: the package and its theory modules never import torch, matplotlib or sympy, and the quick start
imports matplotlib only to draw, after its table is printed. Each check runs in a fresh interpreter."""
import json, os, subprocess, sys, tempfile, textwrap
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
HEAVY = ("torch", "matplotlib", "sympy")
LIGHT_MODULES = ["statphys_nb", "statphys_nb.theory.replica", "statphys_nb.theory.online", "statphys_nb.threads"]


def _run(code, timeout=120):
    env = dict(os.environ, PYTHONPATH=str(ROOT) + os.pathsep + os.environ.get("PYTHONPATH", ""), MPLBACKEND="Agg")
    p = subprocess.run([sys.executable, "-c", textwrap.dedent(code)], capture_output=True, text=True, timeout=timeout, env=env, cwd=ROOT)
    assert p.returncode == 0, p.stderr[-3000:]
    return p.stdout


@pytest.mark.parametrize("module", LIGHT_MODULES)
def test_light_import(module):
    "A fresh `import <module>` loads none of torch, matplotlib, sympy (nor their submodules)."
    out = _run(f"""
        import sys, json, importlib
        m = importlib.import_module({module!r})
        assert m.__file__.startswith({str(ROOT)!r}), m.__file__
        print(json.dumps(sorted({{k.split('.')[0] for k in sys.modules}} & set({HEAVY!r}))))""")
    assert json.loads(out.strip().splitlines()[-1]) == [], f"import {module} loaded {out.strip()}"


def test_guard_can_fail():
    "The check above sees a heavy import when there is one (so it cannot pass vacuously)."
    out = _run("""
        import sys, json, statphys_nb.thermo
        print(json.dumps('torch' in sys.modules))""")
    assert json.loads(out.strip().splitlines()[-1]) is True


def test_quickstart_draws_after_table():
    "run_quickstart prints its whole table before matplotlib is first imported."
    out_dir = tempfile.mkdtemp()
    out = _run(f"""
        import sys, io, json
        buf = io.StringIO(); real = sys.stdout; sys.stdout = buf
        seen = {{}}
        class Hook:
            def find_spec(self, name, path=None, target=None):
                if name == "matplotlib" and "at" not in seen: seen["at"] = buf.getvalue()
                return None
        sys.meta_path.insert(0, Hook())
        from statphys_nb.cli import run_quickstart
        run_quickstart({out_dir!r}, d=60, n_seeds=2, alpha_steps=3, progress=False, threads=1)
        sys.stdout = real
        print(json.dumps(dict(before=seen.get("at"), all=buf.getvalue())))""", timeout=300)
    r = json.loads(out.strip().splitlines()[-1])
    assert r["before"] is not None, "matplotlib was never imported (no figure drawn?)"
    assert "largest |simulation - theory|" in r["before"], "matplotlib was imported before the table was printed"
    assert "largest |simulation - theory|" in r["all"] and (Path(out_dir) / "quickstart.png").exists()
