"""Every TOML file in examples/ validates and builds; the ones marked size = "small" also run, and agree with their theory."""
from pathlib import Path
import pytest

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = sorted((ROOT / "examples").glob("*.toml"))


def test_examples_found():
    assert EXAMPLES, "no example experiments in examples/"


@pytest.mark.parametrize("path", EXAMPLES, ids=[p.stem for p in EXAMPLES])
def test_example(path, tmp_path):
    from statphys_nb.experiment import load_experiment, build_experiment, run_experiment_file
    spec = load_experiment(path)
    build_experiment(spec)
    if spec["experiment"].get("size", "small") != "small":
        pytest.skip("a full-size example: validated and built, not run in CI")
    # run a copy whose output goes to the test's temporary folder
    text = path.read_text().replace(f'output = "{spec["experiment"].get("output", "")}"', f'output = "{tmp_path / "out"}"')
    copy = tmp_path / path.name; copy.write_text(text)
    summary = run_experiment_file(copy, progress=False)
    assert summary["runner"]["points"] > 0
    from statphys_nb.results import SimulationResult
    from statphys_nb.simulation.replica import compare_with_theory
    for label in summary["points"]:
        r = SimulationResult.load(tmp_path / "out" / label)
        if r.theory_results is not None:
            c = compare_with_theory(r)
            assert c["agree"], f"{path.name} [{label}]: largest |z| = {c['max_abs_z']:.2f} > t_crit {c['t_crit']:.2f}"
