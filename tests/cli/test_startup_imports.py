"""The pre-commit case: checking one small file offline starts no event loop
machinery and no JSON Schema library (both cost tens of milliseconds at
start-up); they load only for --network, a remote URL check or a schema."""
from __future__ import annotations

import json
import subprocess
import sys

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


HEAVY = ("importlib.metadata", "email", "httpx", "ftfy", "pygls", "markdown_it", "jsonschema", "asyncio")

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
