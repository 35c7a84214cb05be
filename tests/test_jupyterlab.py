"""The chapters as tutorials in a real JupyterLab: Run All in headless Chromium, no error output, a live slider redraws.

JupyterLab runs on 127.0.0.1 with a random token, over a temporary folder holding the tutorial copies of the tested
chapters (`statphys_nb.cli.tutorial_notebook`: what `statphys-nb tutorials` writes); the kernel imports this checkout's
`statphys_nb` (PYTHONPATH). For each chapter the test runs JupyterLab's own `Run All Cells` command, waits for the kernel,
asserts that no cell produced an error output, and, where the chapter has a live slider, moves its last slider one step
with the keyboard (as a user would) and asserts that the figure under it changed; the redraw times go to
bench/results/jupyterlab.json. Every process it starts (JupyterLab, its kernels, chromedriver, Chromium) is stopped at the
end. Set STATPHYS_NB_SCREENSHOTS=DIR to keep before/after screenshots of the ridge slider (docs/images keeps one pair).

Needs Debian's chromium + chromium-driver (`.ci/run` installs them); skipped without them, a failure in CI (CI=1).
"""
import contextlib, json, os, secrets, shutil, signal, socket, subprocess, sys, tempfile, time, urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
from conftest import headless_chromium  # noqa: E402 (shared with the other browser test)
# chapter -> does it have a live slider (slider_plot) to move
CHAPTERS = {"31_replica_ridge": True, "41_online_linear": True, "61_fpe_grid": False, "63_fpe_checks": True, "91_dyson_simulate": True}
RUN_ALL_TIMEOUT = 300   # s per chapter (each runs in well under a minute on a quiet 2-core machine)


def _free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0)); return s.getsockname()[1]


def _get(url, timeout=5):
    with urllib.request.urlopen(url, timeout=timeout) as r: return json.loads(r.read() or b"null")


def delete_kernels(base, token):
    "Shut every kernel of the server down (one kernel at a time: frees its memory before the next chapter)."
    for k in _get(f"{base}/api/kernels?token={token}"):
        urllib.request.urlopen(urllib.request.Request(f"{base}/api/kernels/{k['id']}?token={token}", method="DELETE"), timeout=10).close()


@pytest.fixture(scope="module")
def lab():
    "JupyterLab serving a temporary folder with the tutorial copies of CHAPTERS; yields (base url, token, folder)."
    with jupyterlab_server(CHAPTERS) as x: yield x


@contextlib.contextmanager
def jupyterlab_server(names):
    "JupyterLab on 127.0.0.1 (random port and token) serving a temporary folder with the tutorial copies of the chapters `names`; yields (base url, token, folder), stops everything it started on exit."
    sys.path.insert(0, str(ROOT))
    from statphys_nb.cli import tutorial_notebook
    tmp = Path(tempfile.mkdtemp(prefix="statphys-lab-"))
    work = tmp / "work"; work.mkdir()
    for name in names:
        nb = json.loads((ROOT / "nbs" / f"{name}.ipynb").read_text(encoding="utf-8"))
        (work / f"{name}.ipynb").write_text(json.dumps(tutorial_notebook(nb)), encoding="utf-8")
    port, token = _free_port(), secrets.token_hex(16)
    env = dict(os.environ, PYTHONPATH=str(ROOT) + os.pathsep + os.environ.get("PYTHONPATH", ""),
               JUPYTER_CONFIG_DIR=str(tmp / "config"), JUPYTER_DATA_DIR=str(tmp / "data"), JUPYTER_RUNTIME_DIR=str(tmp / "runtime"),
               JUPYTERLAB_SETTINGS_DIR=str(tmp / "settings"), JUPYTERLAB_WORKSPACES_DIR=str(tmp / "workspaces"),
               IPYTHONDIR=str(tmp / "ipython"), MPLBACKEND="module://matplotlib_inline.backend_inline")
    for k in ("STATPHYS_NB_DOCS", "STATPHYS_NB_FLAGS", "TQDM_DISABLE"): env.pop(k, None)   # default settings, as a user has them
    cmd = [sys.executable, "-m", "jupyterlab", "--no-browser", "--ServerApp.ip=127.0.0.1", f"--ServerApp.port={port}",
           "--ServerApp.port_retries=0", f"--IdentityProvider.token={token}", f"--ServerApp.root_dir={work}",
           "--LabApp.expose_app_in_browser=True", "--ServerApp.disable_check_xsrf=False", "--LabApp.news_url=",
           "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate", "--ServerApp.open_browser=False"]
    if hasattr(os, "geteuid") and os.geteuid() == 0: cmd.append("--allow-root")
    news = tmp / "settings" / "@jupyterlab" / "apputils-extension"; news.mkdir(parents=True)
    (news / "notification.jupyterlab-settings").write_text(json.dumps({"fetchNews": "false", "checkForUpdates": False}))   # no news prompt
    log = open(tmp / "lab.log", "wb")
    try: proc = subprocess.Popen(cmd, cwd=work, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
    except BaseException:
        log.close(); shutil.rmtree(tmp, ignore_errors=True); raise
    base = f"http://127.0.0.1:{port}"
    try:
        t0 = time.time()
        while True:
            if proc.poll() is not None: raise RuntimeError(f"JupyterLab exited: {(tmp / 'lab.log').read_text()[-2000:]}")
            try: _get(f"{base}/api/status?token={token}"); break
            except Exception:
                if time.time() - t0 > 120: raise RuntimeError(f"JupyterLab did not start in 120 s: {(tmp / 'lab.log').read_text()[-2000:]}")
                time.sleep(0.5)
        yield base, token, work
    finally:
        try: delete_kernels(base, token)   # shut the kernels down through the server, then stop the server's whole process group
        except Exception: pass
        try: os.killpg(proc.pid, signal.SIGTERM)
        except ProcessLookupError: pass
        try: proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL); proc.wait(timeout=10)
        log.close()
        shutil.rmtree(tmp, ignore_errors=True)


@pytest.fixture(scope="module")
def browser():
    with headless_chromium("1400,1000", page_load_timeout=120) as drv:
        drv.set_script_timeout(60); yield drv


_STATE = """
const app = window.jupyterapp; const w = app && app.shell.currentWidget;
if (!w || !w.content || !w.context || !w.sessionContext) return null;
const k = w.sessionContext.session && w.sessionContext.session.kernel;
const cells = w.content.widgets.filter(c => c.model.type === 'code');
return {kernel: k ? k.status : null, ready: w.context.isReady, n: cells.length,
        counts: cells.map(c => c.model.executionCount),
        errors: cells.map((c, i) => [i, c.model.outputs.toJSON().filter(o => o.output_type === 'error')
                                              .map(o => o.ename + ': ' + o.evalue)]).filter(e => e[1].length)};
"""

_FRAME = """
const sliders = [...document.querySelectorAll('.jp-NotebookPanel:not(.lm-mod-hidden) .widget-interact')];
if (!sliders.length) return null;
const box = sliders[sliders.length - 1]; const img = box.querySelector('.widget-output img');
return img ? img.src : '';
"""


def _wait(drv, script, ok, timeout, what):
    t0 = time.time(); last = None
    while time.time() - t0 < timeout:
        last = drv.execute_script(script)
        if ok(last): return last
        time.sleep(0.25)
    raise TimeoutError(f"timed out after {timeout} s waiting for {what}; last state {last}")


def run_all(drv, base, token, name, timeout=RUN_ALL_TIMEOUT):
    "Open one chapter and run JupyterLab's Run All until the kernel is idle with every code cell counted, or an error output; returns (row with run_all_s, code_cells, load_1min; the final state, whose 'errors' lists the error outputs). TimeoutError past `timeout` s."
    drv.get(f"{base}/lab/tree/{name}.ipynb?token={token}&reset")
    _wait(drv, _STATE, lambda s: s is not None and s["ready"] and s["kernel"] == "idle", 120, "the notebook and its kernel")
    assert not drv.find_elements("css selector", ".jp-Dialog"), "a dialog (kernel selection?) opened with the notebook"
    t0 = time.perf_counter()
    drv.execute_script("window.jupyterapp.commands.execute('notebook:run-all-cells')")
    st = _wait(drv, _STATE, lambda s: s and (s["errors"] or (s["kernel"] == "idle" and all(c is not None for c in s["counts"]))),
               timeout, "Run All to finish")
    return {"run_all_s": round(time.perf_counter() - t0, 1), "code_cells": st["n"], "load_1min": round(os.getloadavg()[0], 2)}, st


def _chapter(drv, base, token, name):
    "Open one chapter, Run All, check the outputs, move its live slider; returns the timings."
    row, st = run_all(drv, base, token, name)
    assert not st["errors"], f"error outputs after Run All: {st['errors']}"
    if not CHAPTERS[name]: return row
    row["redraw_s"] = move_slider(drv, name)
    st = drv.execute_script(_STATE)
    assert not st["errors"], f"error outputs after moving the slider: {st['errors']}"
    return row


def move_slider(drv, name):
    "Move the last live slider of the open chapter one step with the keyboard; returns the time (s) until its figure changed."
    drv.execute_script("document.querySelectorAll('.jp-NotebookPanel:not(.lm-mod-hidden) .widget-interact')"
                       ".forEach((e, i, a) => { if (i === a.length - 1) e.scrollIntoView({block: 'center'}); })")
    before = _wait(drv, _FRAME, lambda s: bool(s), 60, "the live slider's first figure")
    handles = drv.find_elements("css selector", ".jp-NotebookPanel:not(.lm-mod-hidden) .widget-interact")[-1] \
                 .find_elements("css selector", ".noUi-handle, .ui-slider-handle, input[type=range]")
    assert handles, "the live slider has no handle"
    shots = os.environ.get("STATPHYS_NB_SCREENSHOTS")
    if shots and name == "31_replica_ridge":
        Path(shots).mkdir(parents=True, exist_ok=True); drv.save_screenshot(str(Path(shots) / "lab_slider_before.png"))
    from selenium.webdriver.common.keys import Keys
    handles[0].click()                      # focus the first slider's handle (a click on the handle keeps its value)
    t1 = time.perf_counter()
    handles[0].send_keys(Keys.ARROW_RIGHT)  # one step with the keyboard, as a user would; the slider fires on release
    after = _wait(drv, _FRAME, lambda s: bool(s) and s != before, 60, "the figure to change after moving the slider")
    redraw = round(time.perf_counter() - t1, 2)
    assert after != before
    if shots and name == "31_replica_ridge":
        time.sleep(0.5); drv.save_screenshot(str(Path(shots) / "lab_slider_after.png"))
    return redraw


_SAVED = """
const players = [...document.querySelectorAll('.jp-NotebookPanel:not(.lm-mod-hidden) .statphys-slider')].map(d => {
  const img = d.querySelector('img.statphys-slider-frame');
  return {natural: img ? img.naturalWidth : 0, css: img ? img.getBoundingClientRect().width : 0,
          labels: [...d.querySelectorAll('.statphys-slider-value')].map(s => s.textContent)};});
const dead = [...document.querySelectorAll('.jp-NotebookPanel:not(.lm-mod-hidden) .jp-OutputArea-output')]
  .map(e => e.innerText).filter(t => t.includes('interactive(children') || t.includes('Error displaying widget'));
return {players, dead};
"""


def test_saved_notebook_opens_cleanly(lab, browser):
    "The committed vis chapter, opened as saved (untrusted: scripts stripped): no kernel dialog, no dead widget text, the player's first frame shown crisp."
    base, token, work = lab
    shutil.copy(ROOT / "nbs" / "02_vis.ipynb", work / "saved_02_vis.ipynb")
    browser.get(f"{base}/lab/tree/saved_02_vis.ipynb?token={token}&reset")
    _wait(browser, _STATE, lambda s: s is not None and s["ready"], 120, "the notebook")
    browser.execute_script("document.querySelectorAll('.statphys-slider img').forEach(i => i.scrollIntoView())")
    st = _wait(browser, _SAVED, lambda s: s["players"] and all(p["natural"] > 0 for p in s["players"]), 60, "the saved player's image")
    assert not browser.find_elements("css selector", ".jp-Dialog"), "a dialog (kernel selection?) opened with the notebook"
    assert not st["dead"], f"dead widget output: {st['dead']}"
    for p in st["players"]:
        assert p["natural"] >= 2 * p["css"] > 0, f"player frame not crisp on a 2x screen: {p}"
        assert p["labels"] and all(p["labels"]), f"player without value labels: {p}"


def test_chapters_in_jupyterlab(lab, browser, record):
    "One test over all CHAPTERS (one JupyterLab and one browser, also under pytest -n): every failure is reported."
    base, token, work = lab
    failures = []
    for name in CHAPTERS:
        try: record[name] = _chapter(browser, base, token, name)
        except BaseException as e:
            if isinstance(e, KeyboardInterrupt): raise
            failures.append(f"{name}: {type(e).__name__}: {str(e)[:600]}")
        finally:
            try: delete_kernels(base, token)   # one kernel at a time: free its memory before the next chapter
            except Exception: pass
    assert not failures, "\n".join(failures)


@pytest.fixture(scope="module")
def record():
    rows = {}
    yield rows
    if rows:
        out = ROOT / "bench" / "results" / "jupyterlab.json"; out.parent.mkdir(parents=True, exist_ok=True)
        old = json.loads(out.read_text()) if out.exists() else {}
        old.update(rows); tmp = out.with_suffix(".tmp"); tmp.write_text(json.dumps(old, indent=1, sort_keys=True)); os.replace(tmp, out)
