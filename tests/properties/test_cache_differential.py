"""A cached verdict equals an uncached one.

Random sequences of what happens to a site between runs (posts edited, a
schema edited or renamed, images added and removed, the configuration's
selection, per-file-ignores and rule options changed, a nested site's
configuration added) interleaved with runs in every mode (`check`, `--diff`,
`--fix`, `--unsafe-fixes`, `--select`, `--jobs 1/2`, in any path order).
Each cached run must give exactly what the same run with `--no-cache` gives
on the same state: the same findings, exit code, diff, and the same files
afterwards. A fixing run is compared with the uncached one on a copy of the
tree made just before it.
"""
from __future__ import annotations

import json
import os
import shutil
import tempfile
import time
from pathlib import Path

from click.testing import CliRunner
from hypothesis import given
from hypothesis import strategies as st

from contentlint.engine import cache as result_cache
from contentlint.engine import pool as parallel
from contentlint.engine.cache import CACHE_DIR
from contentlint.cli.main import main
from contentlint.schema.store import clear_caches

from prop_support import budget

POSTS = ["content/a.md", "content/b.md", "content/sub/c.md"]
TEXTS = [
    "---\ntitle: Fine\nhero: /hero.png\n---\n\nText.\n",
    "---\ntitle: A\n---\n\n## Heading:\n\nIt was â€” late. ![x](img/x.png)\n",
    "---\n$schema: ../schema.json\ntitle: B\ndraft: yes\n---\n\n## **Bold**\n\nText.\n",
    "---\ntitle: C\nhero: /hero.png\n---\n\n![x](img/x.png)\n\n## Heading;\n",
    "---\n$schema: ../schema.json\ntitle: D\n---\n\nBody ![y](hero.png).\n",
    "# Title\n\nNo final newline:",
    "---\ntitle: E\ndate: 2024-01-01\n---\n\n# E\n\n# Again\n",
]
SCHEMAS = [
    '{"type": "object", "required": ["title"]}',
    '{"type": "object", "required": ["draft"]}',  # as long as the first: only the content tells
    '{"type": "object", "required": ["title", "date"]}',
    '{"type": "object", "properties": {"draft": {"type": "boolean"}, "title": {"maxLength": 1}}}',
]
SELECTS = [None, ["TX", "HD"], ["FM", "LK", "TX005"], ["ALL"]]
IGNORES = [[], ["HD003"], ["TX001", "CL902"], ["LK003", "FM101"]]
PER_FILE_IGNORES = [{}, {"content/sub/**": ["HD"]}, {"content/a.md": ["TX", "FM"]}]
OPTIONS = ["", '[rules.heading-trailing-punctuation]\npunctuation = ".,"\n',
           '[rules.HD004]\nseverity = "warning"\n']
SCHEMA_GLOBS = ["", '[schemas]\n"content/b.md" = "schema.json"\n']
NESTED = [
    None,
    'select = ["HD"]\n',
    'select = ["TX", "LK003", "FM101"]\n[links]\nstatic-folders = ["."]\n',
    'extends = "../../contentlint.toml"\nignore = ["TX001"]\n',
]
MODES = [[], ["--diff"], ["--fix"], ["--fix", "--unsafe-fixes"], ["--diff", "--unsafe-fixes"],
         ["--select", "HD004,TX"], ["--ignore", "HD"], ["--jobs", "1"], ["--jobs", "2"], ["--fix", "--jobs", "2"], ["--schema", "schema.json"]]
IMAGES = ["content/img/x.png", "public/hero.png", "content/sub/hero.png", "content/hero.png", "content/sub/img/x.png"]
PATHS = [["."], ["content"], ["content/sub", "content"], ["content", "content/sub"], POSTS[::-1]]


def _files(root: Path) -> dict:
    found = {}
    for dirpath, dirnames, names in os.walk(root):
        dirnames[:] = [d for d in dirnames if d != CACHE_DIR]
        for name in names:
            path = Path(dirpath) / name
            found[str(path.relative_to(root))] = path.read_bytes()
    return found


def _invoke(root: Path, args: list[str]) -> tuple:
    """Exit code, findings, diff and messages of one run in ``root``, as a
    fresh process would give them (no schema remembered from an earlier run)."""
    clear_caches()
    report = root.parent / "report.json"
    report.unlink(missing_ok=True)
    cwd = os.getcwd()
    os.chdir(root)
    try:
        result = CliRunner().invoke(main, ["check", *args, "--format", "json", "-o", str(report)],
                                    catch_exceptions=False)
    finally:
        os.chdir(cwd)
    findings = json.loads(report.read_text(encoding="utf-8")) if report.exists() else None
    errors = result.stderr.replace(str(root), "<root>") if result.exit_code == 2 else ""
    return result.exit_code, findings, result.stdout, errors


class Site:
    """A small site in a temporary folder and the edits made to it."""

    def __init__(self, base: Path):
        self.base = base
        self.root = base / "site"
        (self.root / "content" / "sub").mkdir(parents=True)
        (self.root / "public").mkdir()
        self.config = {"select": None, "ignore": [], "pfi": {}, "options": "", "globs": "", "fm103": False}
        self._write_config()
        (self.root / "schema.json").write_text(SCHEMAS[0], encoding="utf-8")
        for post, text in zip(POSTS, (TEXTS[3], TEXTS[4], TEXTS[2])):
            (self.root / post).write_text(text, encoding="utf-8")
        self.clock = time.time() - 100_000  # a past no real write reaches

    def _write_config(self):
        c = self.config
        lines = []
        if c["select"] is not None:
            lines.append(f"select = {json.dumps(c['select'])}")
        if c["ignore"]:
            lines.append(f"ignore = {json.dumps(c['ignore'])}")
        if c["fm103"]:
            lines.append('extend-select = ["FM103"]')
        text = "\n".join(lines) + "\n"
        if c["pfi"]:
            text += "[per-file-ignores]\n" + "".join(f'"{k}" = {json.dumps(v)}\n' for k, v in c["pfi"].items())
        text += c["options"] + c["globs"]
        path = self.root / "contentlint.toml"
        if not path.exists() or path.read_text(encoding="utf-8") != text:  # nobody saves an unchanged file
            path.write_text(text, encoding="utf-8")

    # --- what happens to the site between runs --------------------------------

    def edit_post(self, post, text):
        (self.root / post).write_text(text, encoding="utf-8")

    def edit_schema(self, text):
        for name in ("schema.json", "renamed.json"):
            if (self.root / name).exists():
                (self.root / name).write_text(text, encoding="utf-8")

    def rename_schema(self):
        old, new = ("schema.json", "renamed.json") if (self.root / "schema.json").exists() else ("renamed.json", "schema.json")
        (self.root / old).rename(self.root / new)

    def toggle_image(self, image):
        path = self.root / image
        if path.exists():
            path.unlink()
        else:
            path.parent.mkdir(exist_ok=True)
            path.write_bytes(b"\x89PNG\r\n")

    def change_selection(self, select, ignore, fm103):
        self.config.update(select=select, ignore=ignore, fm103=fm103)
        self._write_config()

    def change_rule_settings(self, pfi, options, globs):
        self.config.update(pfi=pfi, options=options, globs=globs)
        self._write_config()

    def nested_config(self, text):
        path = self.root / "content" / "sub" / "contentlint.toml"
        if text is None:
            path.unlink(missing_ok=True)
        else:
            path.write_text(text, encoding="utf-8")

    def time_passes(self):
        """Every file gets a modification time in the past (a new one each
        time), so the next run may trust size and modification time."""
        self.clock += 10
        for dirpath, _, names in os.walk(self.root):
            for name in names:
                os.utime(Path(dirpath) / name, (self.clock, self.clock))

    def nothing(self):
        pass

    # --- a run, cached and not --------------------------------------------------

    def run(self, mode, paths, few=result_cache.FEW_FILES):
        # ``few``: up to how many files a run decodes only its own cache
        # entries (the pre-commit case) rather than the whole cache file.
        result_cache.FEW_FILES = few
        twin = self.base / "twin"
        shutil.rmtree(twin, ignore_errors=True)
        shutil.copytree(self.root, twin, ignore=shutil.ignore_patterns(CACHE_DIR))
        cached = _invoke(self.root, [*mode, *paths])
        uncached = _invoke(twin, [*mode, "--no-cache", *paths])
        assert cached == uncached
        assert _files(self.root) == _files(twin)
        assert not (twin / CACHE_DIR).exists()


def _op(name, *strategies):
    return st.tuples(st.just(name), *strategies)


CHANGES = st.one_of(
    _op("edit_post", st.sampled_from(POSTS), st.sampled_from(TEXTS)),
    _op("edit_schema", st.sampled_from(SCHEMAS)),
    _op("rename_schema"),
    _op("toggle_image", st.sampled_from(IMAGES)),
    _op("change_selection", st.sampled_from(SELECTS), st.sampled_from(IGNORES), st.booleans()),
    _op("change_rule_settings", st.sampled_from(PER_FILE_IGNORES), st.sampled_from(OPTIONS), st.sampled_from(SCHEMA_GLOBS)),
    _op("nested_config", st.sampled_from(NESTED)),
    _op("time_passes"),
)
# Half the steps only run: runs in different modes back to back are where a
# mode leaves something behind for the next.
STEPS = st.lists(st.tuples(st.one_of(_op("nothing"), CHANGES), st.sampled_from(MODES), st.sampled_from(PATHS),
                           st.sampled_from([0, 1, 2, 32])), min_size=4, max_size=12)


@budget(30)
@given(steps=STEPS)
def test_cached_runs_give_the_uncached_verdict(steps):
    """After each change, a run in some mode gives what the same run gives
    without the cache."""
    base = Path(tempfile.mkdtemp(prefix="contentlint-cache-"))
    # `--jobs 2` must really use worker processes on a site of three files
    threshold, parallel.PARALLEL_THRESHOLD = parallel.PARALLEL_THRESHOLD, 1
    few = result_cache.FEW_FILES
    try:
        site = Site(base)
        for (change, *args), mode, paths, few_files in steps:
            getattr(site, change)(*args)
            site.run(mode, paths, few_files)
    finally:
        parallel.PARALLEL_THRESHOLD = threshold
        result_cache.FEW_FILES = few
        shutil.rmtree(base, ignore_errors=True)
