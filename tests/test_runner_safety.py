"""SimulationRunner: safe by default (plain script without a __main__ guard, in-process, no cache), a cache that cannot go stale
when the package source changes, self-checking cache entries, and validation of every sweep value before any work."""
import json, os, shutil, subprocess, sys, textwrap, warnings
from pathlib import Path

import numpy as np
import pytest

ROOT = Path(__file__).resolve().parents[1]


def _run_script(code, tmp_path, pythonpath=ROOT, timeout=300):
    script = tmp_path / "user_script.py"
    script.write_text(textwrap.dedent(code))
    env = {**os.environ, "PYTHONPATH": str(pythonpath), "OMP_NUM_THREADS": "1", "TQDM_DISABLE": "1"}
    return subprocess.run([sys.executable, str(script)], cwd=tmp_path, env=env, capture_output=True, text=True, timeout=timeout)


SWEEP = """
from statphys_nb.simulation import SimulationRunner, SimulationConfig
from statphys_nb.dataset import GaussianDataset
from statphys_nb.model import LinearRegression
from statphys_nb.loss import RidgeLoss
cfg = SimulationConfig.for_replica(alpha_range=(0.5, 1.5), alpha_steps=2, n_seeds=2, verbose=False)
"""


def test_plain_script_without_main_guard_process_pool(tmp_path):
    "A user script with no `if __name__ == '__main__'` guard: the default runner and a process pool both work, and agree."
    code = SWEEP + """
r_serial = SimulationRunner().run_parameter_sweep(cfg, GaussianDataset(d=40), LinearRegression, RidgeLoss(0.1), "reg_param", [0.1, 1.0])
runner = SimulationRunner(executor="process", max_workers=2)
r_pool = runner.run_parameter_sweep(cfg, GaussianDataset(d=40), LinearRegression, RidgeLoss(0.1), "reg_param", [0.1, 1.0])
import numpy as np
same = all(np.allclose(r_serial[k].experiment_results["order_params_mean"], r_pool[k].experiment_results["order_params_mean"], atol=1e-12) for k in r_serial)
print("RESULT", same, runner.stats["executor"], len(runner.stats["worker_start_seconds"]))
"""
    out = _run_script(code, tmp_path)
    assert out.returncode == 0, out.stderr[-3000:]
    assert out.stdout.count("RESULT") == 1, out.stdout          # the script ran once: workers did not re-run it
    assert "RESULT True process 2" in out.stdout, out.stdout
    assert not list(tmp_path.glob(".sim_cache*")), "the default runner must not write a cache into the working folder"


def test_stale_cache_after_editing_the_package(tmp_path):
    "The cache key includes a hash of the package source: editing a copied module makes every point recompute."
    pkg = tmp_path / "pkg"; shutil.copytree(ROOT / "statphys_nb", pkg / "statphys_nb", ignore=shutil.ignore_patterns("__pycache__"))
    cache = tmp_path / "cache"
    code = SWEEP + f"""
import statphys_nb; assert statphys_nb.__file__.startswith({str(pkg)!r}), statphys_nb.__file__
runner = SimulationRunner(cache_dir={str(cache)!r})
runner.run_parameter_sweep(cfg, GaussianDataset(d=40), LinearRegression, RidgeLoss(0.1), "reg_param", [0.1, 1.0])
print("STATS", runner.stats["cached"], runner.stats["computed"])
"""
    first = _run_script(code, tmp_path, pythonpath=pkg); assert first.returncode == 0, first.stderr[-3000:]
    again = _run_script(code, tmp_path, pythonpath=pkg); assert again.returncode == 0, again.stderr[-3000:]
    mod = pkg / "statphys_nb" / "simulation" / "replica.py"
    mod.write_text(mod.read_text() + "\n# an edit of the package source\n")
    edited = _run_script(code, tmp_path, pythonpath=pkg); assert edited.returncode == 0, edited.stderr[-3000:]
    assert "STATS 0 4" in first.stdout and "STATS 4 0" in again.stdout, (first.stdout, again.stdout)
    assert "STATS 0 4" in edited.stdout, edited.stdout                 # stale entries are never returned


@pytest.fixture
def sweep_setup():
    from statphys_nb.simulation import SimulationConfig
    from statphys_nb.dataset import GaussianDataset
    from statphys_nb.model import LinearRegression
    from statphys_nb.loss import RidgeLoss
    cfg = SimulationConfig.for_replica(alpha_range=(1.0, 2.0), alpha_steps=2, n_seeds=2, verbose=False)
    return cfg, GaussianDataset(d=30), LinearRegression, RidgeLoss(0.1)


def test_cache_entries_are_self_checking(tmp_path, sweep_setup):
    from statphys_nb.simulation.runner import SimulationRunner, load_point
    cfg, ds, model, loss = sweep_setup
    first = SimulationRunner(cache_dir=tmp_path).run_parameter_sweep(cfg, ds, model, loss, "eta", [0.0, 0.5])
    keys = sorted(p.stem for p in tmp_path.glob("*.json"))
    assert len(keys) == 4
    meta = json.loads((tmp_path / f"{keys[0]}.json").read_text())
    assert meta["key"] == keys[0] and len(meta["npz_sha256"]) == 64
    a, b = tmp_path / f"{keys[0]}.npz", tmp_path / f"{keys[1]}.npz"
    da, db = a.read_bytes(), b.read_bytes(); a.write_bytes(db); b.write_bytes(da)            # swapped npz files
    (tmp_path / f"{keys[2]}.json").write_text("[1, 2, 3]")                                    # valid JSON, malformed entry
    with warnings.catch_warnings(record=True) as w:
        warnings.simplefilter("always")
        runner = SimulationRunner(cache_dir=tmp_path)
        second = runner.run_parameter_sweep(cfg, ds, model, loss, "eta", [0.0, 0.5])
    assert (runner.stats["cached"], runner.stats["computed"], runner.stats["recomputed_bad_entries"]) == (1, 3, 3)
    assert sum("SHA-256" in str(x.message) for x in w) == 2
    for k in first:
        np.testing.assert_array_equal(second[k].experiment_results["order_params_per_seed"], first[k].experiment_results["order_params_per_seed"])
    for k in keys: load_point(tmp_path, k)
    with pytest.raises(ValueError, match="hexadecimal"): load_point(tmp_path, "../outside")


@pytest.mark.parametrize("name, values, msg", [("reg_param", [0.1, float("nan")], "reg_param=nan"), ("eta", [0.0, -1.0], "eta"),
                                               ("rho", [1.0, float("nan")], "rho"), ("alpha", [1.0, -2.0], "alpha=-2.0"),
                                               ("n_seeds", [2, 0], "n_seeds=0"), ("bogus", [1.0], "cannot sweep parameter 'bogus'")])
def test_sweep_validates_every_combination_first(tmp_path, sweep_setup, name, values, msg, monkeypatch):
    import statphys_nb.simulation.runner as R
    cfg, ds, model, loss = sweep_setup
    calls = []
    orig = R.run_point
    monkeypatch.setattr(R, "run_point", lambda t: calls.append(t) or orig(t))
    with pytest.raises(ValueError, match=msg.replace("(", r"\(").replace("[", r"\[")):
        R.SimulationRunner(cache_dir=tmp_path).run_parameter_sweep(cfg, ds, model, loss, name, values)
    assert calls == [] and not list(tmp_path.iterdir())        # nothing computed, nothing cached


@pytest.mark.parametrize("kw, exc, msg", [({"executor": "bogus"}, ValueError, "executor='bogus'"), ({"max_workers": float("nan")}, ValueError, "max_workers=nan"),
                                          ({"max_workers": -1}, ValueError, "max_workers=-1"), ({"executor": 3}, TypeError, "executor=3"),
                                          ({"resume": None}, TypeError, "resume=None"), ({"cache_dir": 1.5}, TypeError, "cache_dir=1.5")])
def test_runner_options_validated(kw, exc, msg):
    from statphys_nb.simulation import SimulationRunner
    with pytest.raises(exc, match=msg): SimulationRunner(**kw)


def test_defaults_and_comparison_forms(sweep_setup):
    from statphys_nb.simulation import SimulationRunner
    from statphys_nb.simulation.runner import default_cache_dir
    from statphys_nb.model import RidgeRegression
    cfg, ds, model, loss = sweep_setup
    r = SimulationRunner()
    assert r.executor == "serial" and r.cache_dir is None
    assert SimulationRunner(cache_dir=True).cache_dir == default_cache_dir()
    as_dict = r.run_comparison(cfg, ds, {"a": model, "b": RidgeRegression}, loss)
    as_list = r.run_comparison(cfg, ds, [model, RidgeRegression], loss)
    assert sorted(as_dict) == ["a", "b"] and sorted(as_list) == ["LinearRegression", "RidgeRegression"]
    np.testing.assert_array_equal(as_dict["a"].experiment_results["order_params_mean"], as_list["LinearRegression"].experiment_results["order_params_mean"])
    assert as_dict["a"].experiment_results["order_params_mean"].shape == (2, 3)
    with pytest.raises(TypeError, match="model_classes"): r.run_comparison(cfg, ds, model, loss)
