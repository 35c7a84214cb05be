"""Saved notebooks open cleanly in Jupyter: a python3 kernelspec (no "Select Kernel" dialog), no live-widget outputs or widget
state (they show as dead `interactive(children=...)` text when untrusted and as "model not found" once the kernel is gone), and
every static slider player carries its first frame as a plain inline image (what an untrusted notebook shows: scripts are
stripped). Fix the first two with `python bench/runall.py --open-clean`; re-execute a notebook with stale players with
`python bench/runall.py --docs --save NAME` (the players are built in docs mode).
"""
import json, re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
NBS = sorted(p for p in (ROOT / "nbs").glob("*.ipynb") if not p.name.startswith("_"))
WIDGET = "application/vnd.jupyter.widget-view+json"


def _html_outputs(nb):
    for i, c in enumerate(nb["cells"]):
        for o in c.get("outputs", []):
            h = o.get("data", {}).get("text/html")
            if h: yield i, "".join(h) if isinstance(h, list) else h


@pytest.mark.parametrize("path", NBS, ids=[p.stem for p in NBS])
def test_opens_cleanly(path):
    nb = json.loads(path.read_text(encoding="utf-8"))
    ks = nb.get("metadata", {}).get("kernelspec", {})
    assert ks.get("name") == "python3" and ks.get("language") == "python", f"{path.name}: kernelspec {ks!r}, expected python3"
    assert "widgets" not in nb["metadata"], f"{path.name}: stale widget state in the metadata"
    live = [i for i, c in enumerate(nb["cells"]) for o in c.get("outputs", []) if WIDGET in o.get("data", {})]
    assert not live, f"{path.name}: live-widget outputs saved in cells {live}"
    for i, h in _html_outputs(nb):
        if 'class="statphys-slider"' not in h: continue
        assert re.search(r'<img class="statphys-slider-frame"[^>]* src="data:image/png;base64,', h), \
            f"{path.name}: cell {i} holds a static player without a plain first frame (re-execute it with bench/runall.py --docs --save)"
