"""Acceptance on the seed post: the findings the issue lists, and `check --fix`
producing exactly the hand-reviewed goldens in tests/rules/headings/data/."""
import json
import shutil
from collections import Counter
from pathlib import Path

import pytest
from click.testing import CliRunner

from contentlint.cli.main import main

ROOT = Path(__file__).resolve().parents[3]
SEED = ROOT / "examples" / "src" / "content" / "blog" / "seed-post.md"
DATA = Path(__file__).resolve().parent / "data"


def run(*args):
    return CliRunner().invoke(main, [*args, "--isolated"], catch_exceptions=False)


@pytest.fixture
def seed(tmp_path):
    path = tmp_path / "seed-post.md"
    shutil.copyfile(SEED, path)
    return path


def heading_findings(path):
    result = run("check", str(path), "--select", "HD", "--format", "json")
    return [(v["code"], v["line"]) for v in json.loads(result.output)]


def test_seed_post_heading_findings(seed):
    found = heading_findings(seed)
    assert Counter(code for code, _ in found) == {"HD003": 12, "HD004": 11, "HD012": 1}
    lines = seed.read_text(encoding="utf-8").splitlines()
    hd003 = {n for code, n in found if code == "HD003"}
    assert hd003 == {n for n, line in enumerate(lines, 1) if line.startswith("#") and "**" in line}
    hd004 = {lines[n - 1] for code, n in found if code == "HD004"}
    assert "## **Key Highlights:**" in hd004 and "## **Conclusion:**" in hd004
    assert sum(line.startswith("### **") for line in hd004) == 9
    assert [lines[n - 1] for code, n in found if code == "HD012"] == [
        "## **India-Ukraine Dialogue: Strengthening Ties and Pursuing Peace**"
    ]


def test_fix_with_heading_rules_changes_only_the_headings(seed):
    run("check", str(seed), "--select", "HD", "--fix")
    fixed = seed.read_text(encoding="utf-8")
    assert fixed == (DATA / "seed-post.headings.fixed.md").read_text(encoding="utf-8")
    assert "## Key Highlights\n" in fixed and "### 1. Focus on Partnership Enhancement\n" in fixed
    before, after = SEED.read_text(encoding="utf-8").splitlines(), fixed.splitlines()
    assert len(before) == len(after)
    assert all(a == b for a, b in zip(before, after) if not a.startswith("#"))


def test_fix_with_all_rules_matches_the_reviewed_golden(seed):
    """Every rule on: the mojibake dash (TX001) and the final newline (TX005) are fixed too."""
    result = run("check", str(seed), "--fix")
    assert seed.read_text(encoding="utf-8") == (DATA / "seed-post.fixed.md").read_text(encoding="utf-8")
    assert "HD012" in result.output  # unsafe: reported, not applied
    run("check", str(seed), "--fix")
    assert seed.read_text(encoding="utf-8") == (DATA / "seed-post.fixed.md").read_text(encoding="utf-8")


def test_unsafe_fixes_also_remove_the_heading_that_repeats_the_title(seed):
    result = run("check", str(seed), "--fix", "--unsafe-fixes")
    assert result.exit_code == 0, result.output
    fixed = seed.read_text(encoding="utf-8")
    assert fixed == (DATA / "seed-post.unsafe.fixed.md").read_text(encoding="utf-8")
    assert fixed.split("---\n", 2)[2].startswith("\n**New Delhi, March 21, 2024** — On Wednesday")
