"""The `server` subcommand on the command line."""
from __future__ import annotations

import subprocess
import sys


def test_server_command_is_listed_and_documented():
    listing = subprocess.run([sys.executable, "-m", "contentlint", "--help"], capture_output=True, text=True)
    assert listing.returncode == 0 and "server" in listing.stdout.split("Commands:")[1]
    usage = subprocess.run([sys.executable, "-m", "contentlint", "server", "--help"], capture_output=True, text=True)
    assert usage.returncode == 0 and "language server" in usage.stdout


def test_every_rule_link_points_at_its_heading_in_docs_rules_md():
    import re
    from pathlib import Path

    from contentlint.registry import all_rules
    from contentlint.server.diagnostics import DOCS_URL, rule_url

    docs = (Path(__file__).resolve().parents[2] / "docs" / "rules.md").read_text(encoding="utf-8")
    headings = [line[3:] for line in docs.splitlines() if line.startswith("## ")]
    # GitHub's anchor for a heading: lower case, punctuation but '-' dropped, spaces as '-'
    anchors = {re.sub(r"[^\w\- ]", "", h.lower()).replace(" ", "-") for h in headings}
    for rule in all_rules():
        url = rule_url(rule.code, rule.name)
        assert url.startswith(DOCS_URL + "#") and url.split("#", 1)[1] in anchors, rule.code
