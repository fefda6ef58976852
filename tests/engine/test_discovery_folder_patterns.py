"""Folder-name patterns (the default `exclude`: `.venv/`, `__pycache__/`, ...)
are matched without pathspec, exactly as gitignore (pathspec) matches them."""
from __future__ import annotations

from hypothesis import given, settings, strategies as st

from contentlint.engine.files import _folder_matcher
from contentlint.patterns import compile_patterns

NAMES = [".venv", "venv", "__pycache__", "site-packages", "a", "b-c", "x.md", "v1.2", "_site"]
PATTERNS = st.lists(st.sampled_from([f"{n}/" for n in NAMES] + ["*.md", "docs/x/", "!venv/", "[ab]/", "a"]),
                    max_size=4, unique=True).map(tuple)
PATHS = st.builds(lambda parts, folder: "/".join(parts) + ("/" if folder else ""),
                  st.lists(st.sampled_from(NAMES), min_size=1, max_size=4), st.booleans())


@settings(max_examples=400, deadline=None)
@given(PATTERNS, PATHS)
def test_folder_patterns_match_as_gitignore_does(patterns, path):
    assert _folder_matcher(patterns)(path) == compile_patterns(patterns).match_file(path)


def test_a_default_exclude_folder_is_not_checked_and_its_neighbour_is(tmp_path):
    from contentlint.config.loader import Config
    from contentlint.engine.files import discover

    for folder in (".venv/lib", "docs/venv", "docs/venvs", "docs/__pycache__x"):
        (tmp_path / folder).mkdir(parents=True)
        (tmp_path / folder / "page.md").write_text("# Page\n")
    found = sorted(s.relpath for s in discover([str(tmp_path)], Config(root=tmp_path)))
    assert found == ["docs/__pycache__x/page.md", "docs/venvs/page.md"]
