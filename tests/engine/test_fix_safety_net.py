"""The fixer's two last lines of defence, driven by deliberately misbehaving
rules registered for one test only (validated like a plugin's rules, then
removed by monkeypatch):

- the frontmatter safety net: a safe fix that changes the parsed frontmatter
  data without its rule claiming it (``changes_frontmatter``) is not written;
  the run reports an internal error and the file stays as it was;
- the settle check: fixes that keep producing new fixes are not written after
  the last pass; the run says so and the file stays as it was.

Both run through the real CLI, next to a file with an honest fix, which must
still be written: one bad file does not stop the run.
"""
from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from contentlint import registry
from contentlint.config import catalogue
from contentlint.cli.main import main
from contentlint.engine.fixes import MAX_PASSES
from contentlint.registry import Fixability, Rule
from contentlint.violations import Edit, Finding, Fix

DOCSTRING = """Misbehaves on purpose, for the fixer's tests.

    ## Why
    To drive an engine path no honest rule reaches.

    ## Example
    ```markdown
    draft: false
    ```

    ## Use instead
    Nothing.

    ## Fix
    A wrong one, on purpose.
    """

POST = "---\ntitle: Post\ndraft: false  # keep\n---\n\nText.\n"
HONEST = "---\ntitle: Other\n---\n\n## Heading:\n\nText\n"
HONEST_FIXED = "---\ntitle: Other\n---\n\n## Heading\n\nText\n"


def _rule(code: str, name: str, check, **attrs) -> type[Rule]:
    cls = type(name.title().replace("-", ""), (Rule,), {
        "__doc__": DOCSTRING, "code": code, "name": name, "summary": "Misbehaves on purpose",
        "fixable": Fixability.SAFE, "check": check, **attrs,
    })
    registry.validate_rule(cls, plugin=True)
    return cls


@pytest.fixture
def register(monkeypatch):
    catalogue.load_rules()

    def add(cls: type[Rule]) -> type[Rule]:
        assert catalogue.get_rule(cls.code) is None
        monkeypatch.setitem(registry._RULES, cls.code, cls)
        monkeypatch.setitem(registry._BY_NAME, cls.name, cls)
        return cls

    return add


@pytest.fixture
def site(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "contentlint.toml").write_text("", encoding="utf-8")
    (tmp_path / "post.md").write_bytes(POST.encode())
    (tmp_path / "other.md").write_bytes(HONEST.encode())
    return tmp_path


def fix(*select: str):
    # --jobs 1: the test rules live in this process only.
    argv = ["check", ".", "--fix", "--no-cache", "--jobs", "1", "--format", "json", "--select", ",".join(select)]
    result = CliRunner().invoke(main, argv, catch_exceptions=False)
    return result.exit_code, [(f["path"], f["code"], f["message"]) for f in json.loads(result.stdout)]


def _replace(old: str, new: str):
    """A check whose safe fix replaces the first ``old`` in the file with ``new``."""

    def check(self, doc, ctx):
        at = doc.text.find(old)
        if at >= 0:
            yield Finding(at, at + len(old), f"Found `{old}`", Fix.safe(f"Write `{new}`", Edit(at, at + len(old), new)))

    return check


# -- the frontmatter safety net ------------------------------------------------

@pytest.mark.parametrize("old, new", [
    ("false", "true"),  # different data
    ("draft: false", "draft: [false"),  # frontmatter that no longer parses
])
def test_unclaimed_frontmatter_change_is_reverted_and_reported(site, register, old, new):
    register(_rule("XTS001", "meddles-with-frontmatter", _replace(old, new)))
    code, findings = fix("XTS001", "HD004")
    assert code == 2  # an internal error, not a finding the user can fix
    assert findings == [
        ("post.md", "XTS001", f"Found `{old}`"),
        ("post.md", "CL999", "A fix would have changed the frontmatter data; nothing was written"),
    ]
    assert (site / "post.md").read_bytes() == POST.encode()
    assert (site / "other.md").read_bytes() == HONEST_FIXED.encode()


def test_claimed_frontmatter_change_is_written(site, register):
    register(_rule("XTS002", "sets-draft", _replace("false", "true"), changes_frontmatter=True))
    code, findings = fix("XTS002", "HD004")
    assert (code, findings) == (0, [])
    assert (site / "post.md").read_bytes() == POST.replace("false", "true").encode()
    assert (site / "other.md").read_bytes() == HONEST_FIXED.encode()


def test_frontmatter_text_change_with_the_same_data_is_written(site, register):
    # Comments and spacing are not data: the net lets such a fix through.
    register(_rule("XTS003", "drops-a-comment", _replace("  # keep", "")))
    code, findings = fix("XTS003")
    assert (code, findings) == (0, [])
    assert (site / "post.md").read_bytes() == POST.replace("  # keep", "").encode()


# -- fixes that do not settle ----------------------------------------------------

def _grows(self, doc, ctx):
    """Always one more `!` to add: every pass finds a new fix."""
    if doc.path != "post.md":
        return
    end = len(doc.text)
    yield Finding(end, end, "Needs more `!`", Fix.safe("Add `!`", Edit(end, end, "!")))


def _flips(self, doc, ctx):
    """`Text.` and `Text!` fix into each other: two passes bring the file back."""
    for old, new in (("Text.", "Text!"), ("Text!", "Text.")):
        at = doc.text.find(old)
        if at >= 0:
            yield Finding(at, at + len(old), f"Found `{old}`", Fix.safe(f"Write `{new}`", Edit(at, at + len(old), new)))
            return


@pytest.mark.parametrize("check, message", [
    (_grows, "Needs more `!`"),
    (_flips, "Found `Text.`"),
])
def test_fixes_that_never_settle_are_reported_and_not_written(site, register, check, message):
    register(_rule("XTS004", "never-settles", check))
    code, findings = fix("XTS004", "HD004")
    assert code == 1
    assert findings == [
        ("post.md", "XTS004", message),
        ("post.md", "CL904", f"Fixes did not settle after {MAX_PASSES} passes; nothing was written"),
    ]
    assert (site / "post.md").read_bytes() == POST.encode()
    assert (site / "other.md").read_bytes() == HONEST_FIXED.encode()
