"""The rendered docs site: the ridge page in headless Chromium (Debian's chromium + chromium-driver), served on 127.0.0.1.

Checks: math is MathML (no raw `$...$` left in the prose), at least one figure, the static slider is present and moving it changes
the displayed frame. Also checks that docs/ was rebuilt after the last notebook change. Set STATPHYS_NB_SCREENSHOT=path to keep a screenshot.
"""
import functools, http.server, os, re, shutil, socketserver, sys, tempfile, threading
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
DOCS = ROOT / "docs"
PAGE = "replica_ridge.html"
IN_CI = os.environ.get("CI", "").lower() in ("1", "true", "yes")


def test_docs_are_fresh():
    "Every notebook has a page, built from its current contents (run `statphys-nb docs` after editing a notebook)."
    sys.path.insert(0, str(ROOT))
    from statphys_nb.docs import stale_pages
    stale = stale_pages(ROOT / "nbs", DOCS)
    assert not stale, f"docs/ is stale for {stale}: run `statphys-nb docs`"


def _chromium():
    for b, dr in (("/usr/bin/chromium", "/usr/bin/chromedriver"), ("/usr/bin/chromium-browser", "/usr/lib/chromium-browser/chromedriver")):
        if Path(b).exists() and Path(dr).exists(): return b, dr
    return None


@pytest.fixture(scope="module")
def server():
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(DOCS))
    class Quiet(handler.func):
        def log_message(self, *a): pass
    httpd = socketserver.TCPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=str(DOCS)))
    t = threading.Thread(target=httpd.serve_forever, daemon=True); t.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown(); httpd.server_close()


@pytest.fixture(scope="module")
def browser():
    found = _chromium()
    if found is None:
        if IN_CI: pytest.fail("CI needs Debian's chromium and chromium-driver (.ci/run installs them)")
        pytest.skip("chromium/chromedriver not installed (apt-get install chromium chromium-driver)")
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service
    opts = webdriver.ChromeOptions(); opts.binary_location = found[0]
    prof = tempfile.mkdtemp(prefix="chromium-")
    for a in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
              "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage", f"--user-data-dir={prof}", "--window-size=1280,1600"):
        opts.add_argument(a)
    drv = webdriver.Chrome(service=Service(found[1]), options=opts)
    drv.set_page_load_timeout(60)
    yield drv
    drv.quit(); shutil.rmtree(prof, ignore_errors=True)


def test_ridge_page(server, browser):
    assert (DOCS / PAGE).exists(), f"docs/{PAGE} missing: run `statphys-nb docs`"
    browser.get(f"{server}/{PAGE}")
    assert "Ridge regression" in browser.title
    n_math = browser.execute_script("return document.querySelectorAll('math').length")
    assert n_math > 10, f"expected MathML equations, found {n_math} <math> elements"
    prose = browser.execute_script("""
        const c = document.querySelector('main').cloneNode(true);
        c.querySelectorAll('pre, code, script, style, math, .statphys-slider').forEach(e => e.remove());
        return c.innerText;""")
    raw = re.findall(r"\$[^$\n]{1,80}\$", prose)
    assert not raw, f"raw TeX left in the page: {raw[:5]}"
    n_fig = browser.execute_script("return [...document.images].filter(i => i.src.startsWith('data:image/png') && i.naturalWidth > 100).length")
    assert n_fig >= 1, "no rendered figure on the page"
    sliders = browser.find_elements("css selector", ".statphys-slider input[type=range]")
    assert sliders, "no static slider on the page"
    slider = sliders[-1]
    img_id = browser.execute_script("return arguments[0].closest('.statphys-slider').querySelector('img').id", slider)
    src0 = browser.execute_script("return document.getElementById(arguments[0]).src", img_id)
    browser.execute_script("const s = arguments[0]; s.value = s.max; s.dispatchEvent(new Event('input'));", slider)
    src1 = browser.execute_script("return document.getElementById(arguments[0]).src", img_id)
    assert src1 != src0, "moving the slider did not change the displayed frame"
    # no request may leave the machine: every resource on the page is inline or local
    remote = browser.execute_script("return performance.getEntriesByType('resource').map(e => e.name).filter(n => !n.startsWith(location.origin) && !n.startsWith('data:'))")
    assert not remote, f"the page loads remote resources: {remote}"
    shot = os.environ.get("STATPHYS_NB_SCREENSHOT")
    if shot: browser.save_screenshot(shot)
