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
