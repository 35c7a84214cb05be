"""`statphys-nb run` end to end in a fresh interpreter: the exit status and the message say whether theory and simulation agree."""
import json, os, subprocess, sys, textwrap
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

GOOD = textwrap.dedent("""
    [experiment]
    name = "{name}"
    kind = "replica"
    output = "out"
    executor = "serial"

    [dataset]
    name = "GaussianDataset"
    d = 100
    rho = {rho}
    eta = 0.25

    [model]
    name = "LinearRegression"

    [loss]
    name = "RidgeLoss"
    reg_param = 0.1

    [simulation]
    alpha_range = [0.5, 2.0]
    alpha_steps = 3
    n_seeds = 4

    [theory]
    equations = "GaussianLinearRidgeEquations"
    order_params = ["m", "q"]
    params = {{ rho = 1.0, eta = 0.25, reg_param = 0.1 }}
    {solver}
    """)


def cli(*args, cwd):
    "Run the console entry point in a fresh interpreter; (exit status, stdout + stderr)."
    code = "import sys; from statphys_nb.cli import main; sys.exit(main(sys.argv[1:]))"
    env = {**os.environ, "PYTHONPATH": str(ROOT), "OMP_NUM_THREADS": "1", "MPLBACKEND": "Agg"}
    p = subprocess.run([sys.executable, "-c", code, *args], cwd=cwd, env=env, capture_output=True, text=True, timeout=600)
    return p.returncode, p.stdout + p.stderr


def test_agreeing_run_exits_0(tmp_path):
    (tmp_path / "ok.toml").write_text(GOOD.format(name="ok", rho=1.0, solver=""))
    rc, out = cli("run", "ok.toml", "--no-progress", cwd=tmp_path)
    assert rc == 0, out
    s = json.loads((tmp_path / "out" / "summary.json").read_text())
    assert s["ok"] and s["theory_converged"] and s["agree"] and s["points"]["result"]["verdict"].startswith("agree")


def test_unconverged_theory_exits_1_naming_points(tmp_path):
    solver = "solver = { max_iter = 1, n_restarts = 0, polish = false, newton_steps = 0 }"
    (tmp_path / "nc.toml").write_text(GOOD.format(name="nc", rho=1.0, solver=solver))
    rc, out = cli("run", "nc.toml", "--no-progress", cwd=tmp_path)
    assert rc == 1, out
    assert "theory did not converge" in out and "alpha = 0.5" in out and "Traceback" not in out, out
    assert json.loads((tmp_path / "out" / "summary.json").read_text())["theory_converged"] is False
    rc, out = cli("run", "nc.toml", "--no-progress", "--allow-disagreement", cwd=tmp_path)
    assert rc == 0, out


def test_wrong_teacher_disagrees(tmp_path):
    (tmp_path / "rho4.toml").write_text(GOOD.format(name="rho4", rho=4.0, solver=""))
    rc, out = cli("run", "rho4.toml", "--no-progress", cwd=tmp_path)
    assert rc == 1 and "simulation and theory disagree" in out and "(z = " in out, out


def test_bad_inputs_are_one_line_errors(tmp_path):
    (tmp_path / "afile").write_text("x")
    for args in (["run", str(tmp_path)], ["run", "missing.toml"], ["quickstart", "--out", "afile/sub"], ["quickstart", "--d", "1000000000000"]):
        rc, out = cli(*args, cwd=tmp_path)
        assert rc == 2 and "Traceback" not in out and "error:" in out, (args, out)
    (tmp_path / "up.toml").write_text(GOOD.format(name="../../x", rho=1.0, solver=""))
    rc, out = cli("run", "up.toml", cwd=tmp_path)
    assert rc == 2 and "up.toml:3: [experiment] name:" in out, out
