"""The rendered docs site in headless Chromium (Debian's chromium + chromium-driver), every page, served on 127.0.0.1.

Per page (1280 px): no raw TeX in the text and no math pandoc could not convert; every <img> loads; every internal link and anchor
resolves; no request leaves the machine; no console error; every static slider changes its frame and its value label when moved and
shows frames at least twice as wide (in pixels) as their CSS width. At 400 px: no page scrolls sideways. The search box finds the
ridge chapter for "Marchenko" and the Fokker-Planck chapter for "Scharfetter". Also checks that docs/ was rebuilt after the last
notebook change. Set STATPHYS_NB_SCREENSHOT=folder to keep screenshots of the ridge page (1280 and 400 px).
"""
import http.server, json, os, socketserver, sys, threading, time
from pathlib import Path
from urllib.parse import unquote, urlparse

import pytest

ROOT = Path(__file__).resolve().parents[1]
DOCS = Path(os.environ.get("STATPHYS_NB_DOCS", ROOT / "docs"))   # another built site, for trying a build before committing it
from conftest import headless_chromium  # noqa: E402 (shared with the other browser test)


def test_docs_are_fresh():
    "Every notebook has a page, built from its current contents (run `statphys-nb docs` after editing a notebook)."
    sys.path.insert(0, str(ROOT))
    from statphys_nb.docs import stale_pages
    stale = stale_pages(ROOT / "nbs", DOCS)
    assert not stale, f"docs/ is stale for {stale}: run `statphys-nb docs`"


def test_site_size():
    size = sum(p.stat().st_size for p in DOCS.rglob("*") if p.is_file())
    assert size < 15 * 2**20, f"the site is {size / 2**20:.1f} MB (limit 15 MB)"


def _pages():
    return sorted(v["page"] for v in json.loads((DOCS / "manifest.json").read_text()).values())



@pytest.fixture(scope="module")
def server():
    class Quiet(http.server.SimpleHTTPRequestHandler):
        def __init__(self, *a, **k): super().__init__(*a, directory=str(DOCS), **k)
        def log_message(self, *a): pass
    httpd = socketserver.ThreadingTCPServer(("127.0.0.1", 0), Quiet)
    httpd.daemon_threads = True
    t = threading.Thread(target=httpd.serve_forever, daemon=True); t.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown(); httpd.server_close()


@pytest.fixture(scope="module")
def browser():
    with headless_chromium("1280,1000", extra_args=("--hide-scrollbars",), capabilities={"goog:loggingPrefs": {"browser": "ALL"}}) as drv:
        yield drv


# One script per page gathers everything the checks need.
_PROBE = r"""
const main = document.querySelector('main');
const skip = 'pre, code, script, style, math, textarea, .statphys-slider script';
const raw = [];
const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
const tex = /\$[^$\s][^$]*\$|\\[A-Za-z]{2,}|\\[()\[\]]/;
for (let n = walker.nextNode(); n; n = walker.nextNode()) {
  const p = n.parentElement;
  if (!p || p.closest(skip)) continue;
  const m = n.nodeValue.match(tex); if (m) raw.push(n.nodeValue.trim().slice(0, 120));
}
const imgs = [...document.images].map(i => ({src: i.currentSrc.slice(0, 80), ok: i.complete && i.naturalWidth > 0}));
const links = [...document.querySelectorAll('a[href]')].map(a => a.getAttribute('href'));
const ids = [...document.querySelectorAll('[id]')].map(e => e.id).concat([...document.querySelectorAll('a[name]')].map(a => a.name));
const remote = performance.getEntriesByType('resource').map(e => e.name).filter(n => !n.startsWith(location.origin) && !n.startsWith('data:'));
const remoteAttr = [...document.querySelectorAll('[src], link[href]')].map(e => e.getAttribute('src') || e.getAttribute('href'))
  .filter(u => u && !u.startsWith('data:') && new URL(u, location.href).origin !== location.origin);
return {raw, imgs, links, ids, remote: remote.concat(remoteAttr),
        mathFail: document.querySelectorAll('span.math, merror').length, nMath: document.querySelectorAll('math').length,
        sliders: document.querySelectorAll('.statphys-slider').length};
"""

_SLIDER = r"""
const out = [];
for (const box of document.querySelectorAll('.statphys-slider')) {
  const img = box.querySelector('img');
  const ranges = [...box.querySelectorAll('input[type=range]')];
  if (!ranges.length || !img) { out.push({missing: true}); continue; }
  box.scrollIntoView();
  const res = {natural: img.naturalWidth, css: img.getBoundingClientRect().width, params: []};
  for (const r of ranges) {
    if (Number(r.max) < 1) continue;
    // the value label of this input: inside its <label>, else the slider's one label
    const lab = (r.closest('label') && r.closest('label').querySelector('.statphys-slider-value')) || box.querySelector('.statphys-slider-value, output');
    const src0 = img.src, lab0 = lab ? lab.textContent : null;
    r.value = r.max; r.dispatchEvent(new Event('input', {bubbles: true})); r.dispatchEvent(new Event('change', {bubbles: true}));
    res.params.push({name: r.getAttribute('aria-label') || r.name, disabled: r.disabled, changed: img.src !== src0 && img.src.length > 30,
                     label0: lab0, label1: lab ? lab.textContent : null});
    r.value = 0; r.dispatchEvent(new Event('input', {bubbles: true}));
  }
  out.push(res);
}
return out;
"""


def _check_links(page, links, ids_by_page, problems):
    for h in links:
        u = urlparse(h)
        if u.scheme in ("http", "https", "mailto", "data", "javascript") or h.startswith("//"):
            if u.scheme in ("http", "https") and u.hostname in ("127.0.0.1", "localhost"): problems.append(f"{page}: absolute local link {h}")
            continue
        target = unquote(u.path) or page
        if not (DOCS / target).exists(): problems.append(f"{page}: link to missing {target}"); continue
        if u.fragment and target.endswith(".html"):
            if target not in ids_by_page: problems.append(f"{page}: link to {target} (not a site page)")
            elif unquote(u.fragment) not in ids_by_page[target]: problems.append(f"{page}: link to missing anchor {target}#{u.fragment}")


def test_every_page(server, browser):
    pages = _pages()
    assert len(pages) > 50, pages
    problems, data = [], {}
    for page in pages:
        browser.get(f"{server}/{page}")
        browser.execute_script("return document.fonts ? document.fonts.ready : null")
        d = browser.execute_script(_PROBE)
        if not all(i["ok"] for i in d["imgs"]):   # large pages: give the images a moment
            time.sleep(1); d = browser.execute_script(_PROBE)
        data[page] = d
        problems += [f"{page}: raw TeX {r!r}" for r in d["raw"]]
        if d["mathFail"]: problems.append(f"{page}: {d['mathFail']} math render errors")
        problems += [f"{page}: image not loaded {i['src']}" for i in d["imgs"] if not i["ok"]]
        problems += [f"{page}: remote resource {u}" for u in d["remote"]]
        problems += [f"{page}: console {e['level']}: {e['message'][:200]}" for e in browser.get_log("browser") if e["level"] == "SEVERE"]
        if d["sliders"]:
            for j, s in enumerate(browser.execute_script(_SLIDER)):
                where = f"{page} slider {j}"
                if s.get("missing"): problems.append(f"{where}: no range input or image"); continue
                for p in s["params"]:
                    w = f"{where} ({p['name']})"
                    if p["disabled"]: problems.append(f"{w}: the range input is still disabled")
                    if not p["changed"]: problems.append(f"{w}: moving it did not change the frame")
                    if p["label0"] is None: problems.append(f"{w}: no value label")
                    elif p["label0"] == p["label1"]: problems.append(f"{w}: the value label did not update ({p['label0']!r})")
                if s["natural"] < 2 * s["css"] - 1: problems.append(f"{where}: frame {s['natural']} px wide shown at {s['css']:.0f} CSS px (< 2x)")
    ids = {p: set(d["ids"]) for p, d in data.items()}
    for page, d in data.items(): _check_links(page, d["links"], ids, problems)
    assert sum(d["nMath"] for d in data.values()) > 500, "expected MathML formulas on the site"
    assert not problems, f"{len(problems)} problems:\n" + "\n".join(problems[:80])


def test_narrow_and_search(server, browser):
    problems = []
    try:
        # a window cannot be made narrower than 500 px: emulate a 400 px wide screen instead
        browser.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", {"width": 400, "height": 900, "deviceScaleFactor": 1, "mobile": False})
        for page in _pages():
            browser.get(f"{server}/{page}")
            w = browser.execute_script("return [document.documentElement.scrollWidth, document.documentElement.clientWidth, innerWidth]")
            assert w[2] == 400, f"the emulated screen is {w[2]} px wide"
            if w[0] > w[1]: problems.append(f"{page}: {w[0]} px of content in a {w[1]} px window")
        shots = os.environ.get("STATPHYS_NB_SCREENSHOT")
        if shots:
            browser.get(f"{server}/replica_ridge.html"); browser.save_screenshot(str(Path(shots) / "ridge_page_400.png"))
    finally:
        browser.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})
    assert not problems, "pages scroll sideways at 400 px:\n" + "\n".join(problems)
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait
    for query, page in (("Marchenko", "replica_ridge.html"), ("Scharfetter", "fpe_grid.html")):
        browser.get(f"{server}/index.html")
        box = browser.find_element(By.ID, "search"); box.clear(); box.send_keys(query)
        WebDriverWait(browser, 10).until(lambda d: d.find_element(By.ID, "search-results").is_displayed())
        hrefs = browser.execute_script("return [...document.querySelectorAll('#search-results a')].map(a => a.getAttribute('href'))")
        assert any(h.split("#")[0] == page for h in hrefs), f"search for {query!r} did not find {page}: {hrefs}"
    shots = os.environ.get("STATPHYS_NB_SCREENSHOT")
    if shots:
        browser.get(f"{server}/replica_ridge.html"); browser.save_screenshot(str(Path(shots) / "ridge_page_1280.png"))
