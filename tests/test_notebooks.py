"""Run every notebook in nbs/ as one pytest test, through nbdev's own runner.

Cells carrying a flag listed in settings.ini's `tst_flags` (e.g. `#| slow`) are skipped unless the
flag is named in the environment variable STATPHYS_NB_FLAGS (space separated), the equivalent of
`nbdev_test --flags slow`.
"""
import os
from configparser import ConfigParser
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
NBS = sorted(p for p in (ROOT / "nbs").glob("*.ipynb") if not p.name.startswith("_"))


def _skip_flags():
    cfg = ConfigParser(delimiters=["="])
    cfg.read(ROOT / "settings.ini", encoding="utf-8")
    flags = cfg["DEFAULT"].get("tst_flags", "").split()
    wanted = os.environ.get("STATPHYS_NB_FLAGS", "").split()
    return [f for f in flags if f not in wanted]


def test_notebooks_found():
    "Guard: an empty or misplaced nbs/ must fail loudly, not pass with nothing run."
    assert NBS, f"no notebooks found in {ROOT / 'nbs'}"


@pytest.mark.parametrize("nb", NBS, ids=[p.stem for p in NBS])
def test_notebook(nb, monkeypatch):
    from nbdev.test import test_nb

    monkeypatch.chdir(nb.parent)
    os.environ.setdefault("MPLBACKEND", "Agg")
    ok, secs = test_nb(nb, skip_flags=_skip_flags(), force_flags=[], do_print=False, showerr=True)
    assert ok, f"{nb.name} failed (see the traceback above)"
