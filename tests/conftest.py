import os

# Tests run two notebooks at a time (pytest -n 2 on 2 cores): one BLAS/OpenMP thread per worker avoids oversubscription,
# which slows multi-threaded LAPACK calls by 10x and more. Set before any notebook imports numpy or torch.
for var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(var, "1")
os.environ.setdefault("MPLBACKEND", "Agg")
os.environ.setdefault("TQDM_DISABLE", "1")


# Headless Chromium for the browser tests (the docs site, JupyterLab): Debian's chromium + chromium-driver, with the flags
# this closed network needs (no background networking, no component updates), a fresh profile, cleaned up afterwards.
import contextlib, shutil, tempfile
from pathlib import Path

IN_CI = os.environ.get("CI", "").lower() in ("1", "true", "yes")

def chromium_paths():
    "(browser, driver) paths of Debian's chromium, or None."
    for b, dr in (("/usr/bin/chromium", "/usr/bin/chromedriver"), ("/usr/bin/chromium-browser", "/usr/lib/chromium-browser/chromedriver")):
        if Path(b).exists() and Path(dr).exists(): return b, dr
    return None

@contextlib.contextmanager
def headless_chromium(window:str, extra_args=(), page_load_timeout:int=60, capabilities:dict|None=None):
    "A selenium driver for headless Chromium; skips the test (fails it in CI) when chromium is not installed."
    import pytest
    found = chromium_paths()
    if found is None:
        if IN_CI: pytest.fail("CI needs Debian's chromium and chromium-driver (.ci/run installs them)")
        pytest.skip("chromium/chromedriver not installed (apt-get install chromium chromium-driver)")
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service
    opts = webdriver.ChromeOptions(); opts.binary_location = found[0]
    prof = tempfile.mkdtemp(prefix="chromium-")
    for a in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
              "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage", *extra_args, f"--user-data-dir={prof}",
              f"--window-size={window}"):
        opts.add_argument(a)
    for k, v in (capabilities or {}).items(): opts.set_capability(k, v)
    service = Service(found[1])
    drv = webdriver.Chrome(service=service, options=opts)
    drv.set_page_load_timeout(page_load_timeout)
    try: yield drv
    finally:
        try: drv.quit()
        finally:
            if service.process is not None and service.process.poll() is None: service.process.kill()
            shutil.rmtree(prof, ignore_errors=True)
