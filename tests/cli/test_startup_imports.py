"""The pre-commit case: checking one small file offline starts no event loop
machinery and no JSON Schema library (both cost tens of milliseconds at
start-up); they load only for --network, a remote URL check or a schema."""
from __future__ import annotations

import json
import os
import subprocess
import sys
import time

SCRIPT = """
import sys
from contentlint.cli.main import main
try:
    main(["check", sys.argv[1], "--isolated", "--no-cache"], standalone_mode=False)
finally:
    import json
    print(json.dumps({m: m in sys.modules for m in ("asyncio", "jsonschema", "contentlint.net.check")}))
"""


def test_one_small_file_loads_neither_asyncio_nor_jsonschema(tmp_path):
    post = tmp_path / "post.md"
    post.write_text("---\ntitle: Small\n---\n\n## Section\n\nText with a [link](https://example.com/).\n")
    out = subprocess.run([sys.executable, "-c", SCRIPT, str(post)], capture_output=True, text=True, cwd=tmp_path)
    loaded = json.loads(out.stdout.strip().splitlines()[-1])
    assert loaded == {"asyncio": False, "jsonschema": False, "contentlint.net.check": False}, out.stderr


HEAVY = ("importlib.metadata", "email", "httpx", "ftfy", "pygls", "markdown_it", "jsonschema", "asyncio",
         # only a fix writes a file (tempfile, with shutil and random); only a
         # near miss (an unknown key, rule code or anchor) or --diff uses difflib
         "tempfile", "difflib",
         # html (its entity table) only unescapes an HTML heading or <img>
         "html")

PROBE = """
import sys
from contentlint.cli.main import main
try:
    main(["check", sys.argv[1]], standalone_mode=False)
finally:
    import json
    print(json.dumps(sorted(m for m in {heavy!r} if m in sys.modules)))
"""


def test_the_pre_commit_case_loads_no_heavy_package(tmp_path):
    """One small file with a configuration in the current folder and the
    result cache on: no plugin is installed, so the entry points are never
    read through importlib.metadata (which loads the email parser), and
    nothing the file does not need (network, schema, encoding repair, the
    language server, the reference Markdown parser) is imported."""
    (tmp_path / "contentlint.toml").write_text('select = ["FM", "TX", "LK", "HD"]\n')
    post = tmp_path / "post.md"
    post.write_text("---\ntitle: Small\n---\n\nIntro with a [link](https://example.com/).\n\n## Section\n\nText.\n")
    for _ in range(2):  # the second run answers from the result cache
        out = subprocess.run([sys.executable, "-c", PROBE.format(heavy=HEAVY), "post.md"],
                             capture_output=True, text=True, cwd=tmp_path)
        assert json.loads(out.stdout.strip().splitlines()[-1]) == [], out.stderr
    assert (tmp_path / ".contentlint_cache").is_dir()


# What a run answered entirely from the result cache never needs: the YAML,
# TOML and Markdown parsers, the network layer, JSON Schema, encoding repair,
# the reference parser, plugin metadata, and rich for a report to a pipe.
CACHED = ("yaml", "pyromark", "contentlint.document.native", "contentlint.document.native_inline",
          "contentlint.net.url_cache", "contentlint.net.check", "socket", "jsonschema", "ftfy", "markdown_it",
          "importlib.metadata", "email", "asyncio", "rich", "html")

RUN = """
import sys
from contentlint.cli.main import main
try:
    main(sys.argv[2:], standalone_mode=False)
finally:
    import json
    print(json.dumps(sorted(m for m in json.loads(sys.argv[1]) if m in sys.modules)))
"""


def _loaded(cwd, watched, *args):
    # A hook's pipe: no COLUMNS (a line wider than COLUMNS is wrapped by rich)
    env = {k: v for k, v in os.environ.items() if k not in ("COLUMNS", "FORCE_COLOR", "TTY_COMPATIBLE")}
    out = subprocess.run([sys.executable, "-c", RUN, json.dumps(watched), *args],
                         capture_output=True, text=True, cwd=cwd, env=env)
    *report, modules = out.stdout.strip().splitlines()
    return json.loads(modules), "\n".join(report), out.stderr


def _age(folder):
    """Files older than the result cache's "written a moment ago" window, so
    the second run trusts their size and modification time."""
    old = time.time() - 60
    for path in folder.rglob("*"):
        os.utime(path, (old, old))


def test_the_pre_commit_case_answered_from_the_cache_parses_nothing(tmp_path):
    """The second run of the pre-commit case reads the verdict from the result
    cache: no YAML, no Markdown parse, no network layer, no rich for the "All
    clean" line on a pipe (the configuration file is TOML, so tomllib may load)."""
    (tmp_path / "contentlint.toml").write_text('select = ["FM", "TX", "LK", "HD"]\n')
    post = tmp_path / "post.md"
    post.write_text("---\ntitle: Small\n---\n\nIntro with a [link](https://example.com/).\n\n## Section\n\nText.\n")
    _age(tmp_path)
    first, report, err = _loaded(tmp_path, CACHED, "check", "post.md")
    assert "yaml" in first and report.startswith("All clean: 1 file checked"), err  # it did parse, the first time
    second, report, err = _loaded(tmp_path, CACHED, "check", "post.md")
    assert second == [] and report.startswith("All clean: 1 file checked"), err


def test_a_warm_run_over_a_folder_imports_no_parser(tmp_path):
    """A whole folder, nothing changed since the last run, with a schema and
    findings to report: every verdict comes from the cache, so no parser, no
    validator and no TOML reader is imported, and the report is the same."""
    site = tmp_path / "docs"
    (site / "guides").mkdir(parents=True)
    for k in range(6):
        (site / "guides" / f"page{k}.md").write_text(
            f"---\ntitle: Page {k}\ntags: [a, b]\n---\n\n# Page {k}\n\n### Skipped level\n\nSee [next](page{k + 1}.md).\n")
    (site / "index.md").write_text("---\ntitle: Home\ndraft: yes\n---\n\nWelcome\n")
    schema = tmp_path / "schema.json"
    schema.write_text(json.dumps({"type": "object", "required": ["title"],
                                  "properties": {"title": {"type": "string"}, "draft": {"type": "boolean"}}}))
    _age(tmp_path)
    args = ["check", "--isolated", "--schema", str(schema), "docs"]
    first, cold_report, err = _loaded(tmp_path, [*CACHED, "tomllib"], *args)
    assert "yaml" in first and "jsonschema" in first and "Found" in cold_report, err
    second, warm_report, err = _loaded(tmp_path, [*CACHED, "tomllib"], *args)
    assert second == [], err
    assert warm_report.split("; ")[0] == cold_report.split("; ")[0]  # the same findings (the timing differs)


PATTERNS = """
import re, sys
from contentlint.cli.main import main
try:
    main(["check", "post.md"], standalone_mode=False)
finally:
    import json
    import contentlint.patterns
    _LazyRegex = getattr(contentlint.patterns, "_LazyRegex", ())  # () on code without lazy patterns
    mods = {n: m for n, m in sys.modules.items() if n.startswith("contentlint")}
    print(json.dumps({
        "compiled": sorted(f"{n}.{k}" for n, m in mods.items() for k, v in vars(m).items()
                           if isinstance(v, re.Pattern) or isinstance(v, _LazyRegex) and len(vars(v)) > 1),
        "lazy": sum(isinstance(v, _LazyRegex) for m in mods.values() for v in vars(m).values())}))
"""


def test_the_pre_commit_case_answered_from_the_cache_compiles_no_module_pattern(tmp_path):
    """Compiling the ~100 regular expressions the modules define cost ~15 ms
    of each start; they compile when first used, so a run answered from the
    result cache compiles none of them (and main holds none precompiled)."""
    (tmp_path / "contentlint.toml").write_text('select = ["FM", "TX", "LK", "HD"]\n')
    (tmp_path / "post.md").write_text("---\ntitle: Small\n---\n\nIntro with a [link](https://example.com/).\n\n## Section\n\nText.\n")
    _age(tmp_path)
    seen = []
    for _ in range(2):  # the first run lints and fills the cache, the second answers from it
        out = subprocess.run([sys.executable, "-c", PATTERNS], capture_output=True, text=True, cwd=tmp_path)
        assert out.stdout.startswith("All clean"), out.stderr
        seen.append(json.loads(out.stdout.strip().splitlines()[-1]))
    assert seen[0]["lazy"] > 50 and seen[1]["lazy"] > 50  # the modules were loaded, their patterns left for later
    # The registry checks each rule's code and name as it registers (three
    # tiny patterns); engine.diff's bytes pattern costs ~20 µs.
    allowed = ["contentlint.engine.diff._NEEDS_QUOTES", "contentlint.registry.CODE_RE", "contentlint.registry.NAME_RE"]
    assert seen[1]["compiled"] == allowed
