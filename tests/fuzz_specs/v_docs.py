"""Fuzz spec of helper v_docs: statphys_nb.docs, the docs-site builder (valid baseline values over tiny inputs: short
HTML/markdown strings, a minimal notebook dict, a temp .ipynb file, a temp output folder); see tests/fuzz_specs/README.md."""
import os, json
from pathlib import Path
from fuzz_worker import F, TMP

_NB = {"cells": [{"cell_type": "raw", "metadata": {}, "source": "---\ntitle: Tiny\ndescription: a page\n---"},
                 {"cell_type": "markdown", "metadata": {}, "source": "## Part\n\nSome $x^2$ text."},
                 {"cell_type": "code", "execution_count": 1, "metadata": {}, "source": "1 + 1",
                  "outputs": [{"output_type": "execute_result", "execution_count": 1, "metadata": {}, "data": {"text/plain": "2"}}]}],
       "metadata": {}, "nbformat": 4, "nbformat_minor": 5}

def _tiny_nbs():
    "A temp folder `nbs/` holding one tiny notebook `01_tiny.ipynb` (written once per worker); returns the folder."
    d = Path(TMP)/"docs_nbs"
    if not (d/"01_tiny.ipynb").exists():
        d.mkdir(parents=True, exist_ok=True); (d/"01_tiny.ipynb").write_text(json.dumps(_NB))
    return str(d)
def _tiny_nb(): return os.path.join(_tiny_nbs(), "01_tiny.ipynb")
def _root(): return str(Path(__import__("statphys_nb").__file__).parent.parent)   # the checkout: docs.py lies under it

_BODY = ('<h2 id="part">Part</h2><p>See <code>page_name</code> and <a href="core.html#x">x</a>.</p>'
         '<pre class="python"><code>1 + 1</code></pre><table><tr><td>1</td></tr></table>'
         '<math display="block"><mi>x</mi><annotation encoding="application/x-tex">x</annotation></math>')

OVERRIDES = {
    "statphys_nb.docs.page_name": dict(nb="31_replica_ridge.ipynb"),
    "statphys_nb.docs.notebook_hash": dict(nb=F(_tiny_nb)),
    "statphys_nb.docs.part_of": dict(nb="31_replica_ridge.ipynb"),
    "statphys_nb.docs.is_test_cell": dict(code="assert 1 + 1 == 2"),
    "statphys_nb.docs.card_title": dict(md="---\n\n### page_name\n\n> page_name (nb)\n"),
    "statphys_nb.docs.card_markdown": dict(md="---\n\n### page_name\n\n> page_name (nb)\n", src_url="https://g/x/blob/main/a.py#L1"),
    "statphys_nb.docs.notebook_markdown": dict(nb=F(lambda: json.loads(json.dumps(_NB)))),
    "statphys_nb.docs.normalize_tex": dict(tex=r"{\rm d}x"),
    "statphys_nb.docs.pandoc_html": dict(markdown="## Part\n\nSome $x^2$ text."),
    "statphys_nb.docs.math_failures": dict(body='<span class="math inline">x</span>'),
    "statphys_nb.docs.highlight_code": dict(body=_BODY),
    "statphys_nb.docs.add_anchors": dict(body=_BODY, cards=F(lambda: {"Part"})),
    "statphys_nb.docs.toc_html": dict(toc=F(lambda: [(2, "part", "Part", False)])),
    "statphys_nb.docs.link_symbols": dict(body=_BODY, symbols=F(lambda: {"page_name": [("docs.html", "page_name")]}), here="docs.html"),
    "statphys_nb.docs.fix_links": dict(body=_BODY, here="docs.html", pages=F(lambda: {"core.html": {"x"}, "docs.html": {"part"}}),
                                       symbols=F(dict), site_url="https://h.io/b", problems=F(list), modules=F(dict)),
    "statphys_nb.docs.wrap_tables": dict(body=_BODY),
    "statphys_nb.docs.wrap_math": dict(body=_BODY, wide=40),
    "statphys_nb.docs.share_player": dict(body=_BODY),
    "statphys_nb.docs.slider_labels": dict(body=_BODY),
    "statphys_nb.docs.extract_images": dict(body='<img src="data:image/png;base64,iVBORw0KGgo=">', store=F(dict), folder="fig"),
    "statphys_nb.docs.default_exp": dict(nb=F(_tiny_nb)),
    "statphys_nb.docs.source_url": dict(obj=F(lambda: __import__("statphys_nb.docs", fromlist=["x"]).page_name), root=F(_root),
                                        git_url="https://g/x", branch="main"),
    "statphys_nb.docs.public_methods": dict(cls=F(lambda: __import__("statphys_nb.results", fromlist=["x"]).TheoryResult)),
    "statphys_nb.docs.api_extras": dict(nb=F(_tiny_nb), titles=F(list), all_titles=F(set), root=F(_tiny_nbs), git_url="https://g/x",
                                        branch="main", lib="statphys_nb"),
    "statphys_nb.docs.search_sections": dict(body=_BODY, title="Tiny", summary="a page"),
    "statphys_nb.docs.stale_pages": dict(nbs_path=F(_tiny_nbs), out=F(lambda: os.path.join(TMP, "docs_site"))),
    "statphys_nb.docs.build_readme": dict(index_nb=F(_tiny_nb), out=F(lambda: os.path.join(TMP, "docs_README.md"))),
}

_TEXT = ("option",)   # the fuzzer's 'bogus_option' string: for these parameters any text is a valid input
NOT_INVALID = {
    # free text: source code, markdown, TeX and HTML bodies are any string (no option set to pick from)
    ("statphys_nb.docs.is_test_cell", "code"): _TEXT,
    ("statphys_nb.docs.card_title", "md"): _TEXT,           # markdown that is not a card -> None, documented
    ("statphys_nb.docs.card_markdown", "md"): _TEXT,
    ("statphys_nb.docs.normalize_tex", "tex"): _TEXT,
    ("statphys_nb.docs.pandoc_html", "markdown"): _TEXT,
    ("statphys_nb.docs.math_failures", "body"): _TEXT,
    ("statphys_nb.docs.highlight_code", "body"): _TEXT,
    ("statphys_nb.docs.add_anchors", "body"): _TEXT,
    ("statphys_nb.docs.link_symbols", "body"): _TEXT,
    ("statphys_nb.docs.fix_links", "body"): _TEXT,
    ("statphys_nb.docs.wrap_tables", "body"): _TEXT,
    ("statphys_nb.docs.wrap_math", "body"): _TEXT,
    ("statphys_nb.docs.share_player", "body"): _TEXT,
    ("statphys_nb.docs.slider_labels", "body"): _TEXT,
    ("statphys_nb.docs.extract_images", "body"): _TEXT,
    ("statphys_nb.docs.search_sections", "body"): _TEXT,
    ("statphys_nb.docs.search_sections", "summary"): _TEXT,  # the page's one-line description: any text
    # a git branch name: any non-empty string git accepts ('bogus_option' is one)
    ("statphys_nb.docs.source_url", "branch"): _TEXT,
    ("statphys_nb.docs.api_extras", "branch"): _TEXT,
}

SKIP = {
    "statphys_nb.docs.build_docs": ("the whole site build: nbdev's processor (`proc_nbs`, worker processes, needs the project's settings.ini "
                                    "and writes `_proc/` beside it) and pandoc over every notebook; its arguments are checked before any "
                                    "work, tested in 55_docs; the build itself by tests/test_docs_page.py"),
}

GATED = ["statphys_nb.docs"]
