"""Setup for statphys_nb: reads nbdev's settings.ini (no pkg_resources)."""
import json
import shlex
from configparser import ConfigParser
from pathlib import Path

import setuptools
from setuptools.command.build_py import build_py

here = Path(__file__).parent
cfg = ConfigParser(delimiters=["="])
cfg.read(here / "settings.ini", encoding="utf-8")
cfg = cfg["DEFAULT"]

class build_py_with_tutorials(build_py):
    """Also ship the chapter notebooks, outputs stripped, as `statphys_nb/_tutorials/*.ipynb` (read by `statphys-nb tutorials`)."""
    def run(self):
        super().run()
        if getattr(self, "editable_mode", False): return   # editable install: `statphys-nb tutorials` reads nbs/ directly
        src = here / cfg["nbs_path"]
        if not src.is_dir(): return   # building from an sdist without notebooks: nothing to ship
        dest = Path(self.build_lib) / cfg["lib_path"] / "_tutorials"
        dest.mkdir(parents=True, exist_ok=True)
        for nb in sorted(src.glob("*.ipynb")):
            if nb.name.startswith(("_", ".")): continue
            d = json.loads(nb.read_text(encoding="utf-8"))
            for c in d.get("cells", []):
                if c.get("cell_type") == "code": c["outputs"], c["execution_count"] = [], None
            (dest / nb.name).write_text(json.dumps(d, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")

def _reqs(key):
    return shlex.split(cfg.get(key, ""))

licenses = {"apache2": ("Apache Software License 2.0", "OSI Approved :: Apache Software License")}
lic = licenses[cfg["license"]]
statuses = ["1 - Planning", "2 - Pre-Alpha", "3 - Alpha", "4 - Beta", "5 - Production/Stable"]
readme = here / "README.md"

setuptools.setup(
    name=cfg["lib_name"].replace("_", "-"),
    version=cfg["version"],
    description=cfg["description"],
    long_description=readme.read_text(encoding="utf-8") if readme.exists() else "",
    long_description_content_type="text/markdown",
    author=cfg["author"],
    author_email=cfg["author_email"],
    license=lic[0],
    url=cfg["git_url"],
    classifiers=[
        "Development Status :: " + statuses[int(cfg["status"]) - 1],
        "Intended Audience :: " + cfg["audience"],
        "License :: " + lic[1],
        "Natural Language :: " + cfg["language"],
        "Programming Language :: Python :: 3",
        "Topic :: Scientific/Engineering :: Physics",
    ],
    packages=setuptools.find_namespace_packages(include=[cfg["lib_name"], cfg["lib_name"] + ".*"]),
    include_package_data=True,
    install_requires=_reqs("requirements"),
    extras_require={"dev": _reqs("dev_requirements")},
    python_requires=">=" + cfg["min_python"],
    zip_safe=False,
    cmdclass={"build_py": build_py_with_tutorials},
    entry_points={
        "console_scripts": shlex.split(cfg["console_scripts"]),
        "nbdev": [f"{cfg['lib_path']}={cfg['lib_path']}._modidx:d"],
    },
    keywords=cfg["keywords"],
)
