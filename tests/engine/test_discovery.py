import os

import pytest

from contentlint.config.loader import Config
from contentlint.engine.files import DiscoveryError, discover


def tree(root, files):
    for name in files:
        p = root / name
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_text("# x\n")


def names(sources, root):
    return [os.path.relpath(s.abs_path, root) for s in sources]


def test_walk_is_sorted_and_skips_vcs_node_modules_and_other_types(tmp_path):
    tree(tmp_path, ["b.md", "a.mdx", "c.markdown", "d.txt", ".git/x.md", "node_modules/p/readme.md", "sub/z.md"])
    found = names(discover([str(tmp_path)], Config(root=tmp_path)), tmp_path)
    assert found == ["a.mdx", "b.md", "c.markdown", os.path.join("sub", "z.md")]


def test_gitignored_paths_are_skipped(tmp_path):
    tree(tmp_path, ["keep.md", "drafts/x.md", "out/y.md"])
    (tmp_path / ".gitignore").write_text("drafts/\n*.tmp\nout\n")
    assert names(discover([str(tmp_path)], Config(root=tmp_path)), tmp_path) == ["keep.md"]


def test_exclude_globs(tmp_path):
    tree(tmp_path, ["keep.md", "archive/old.md"])
    config = Config(root=tmp_path, exclude=["archive/"])
    assert names(discover([str(tmp_path)], config), tmp_path) == ["keep.md"]


def test_explicit_files_are_always_checked_unless_force_exclude(tmp_path):
    tree(tmp_path, ["archive/old.md", "notes.txt"])
    config = Config(root=tmp_path, exclude=["archive/"])
    paths = [str(tmp_path / "archive" / "old.md"), str(tmp_path / "notes.txt")]
    assert len(discover(paths, config)) == 2
    assert names(discover(paths, config, force_exclude=True), tmp_path) == ["notes.txt"]


def test_missing_path_is_a_usage_error_naming_it(tmp_path):
    with pytest.raises(DiscoveryError, match="nope.md"):
        discover([str(tmp_path / "nope.md")], Config(root=tmp_path))


def test_duplicates_are_checked_once(tmp_path):
    tree(tmp_path, ["a.md"])
    assert len(discover([str(tmp_path), str(tmp_path / "a.md")], Config(root=tmp_path))) == 1


def test_symlink_loop_terminates(tmp_path):
    tree(tmp_path, ["a.md"])
    (tmp_path / "loop").symlink_to(tmp_path)
    assert names(discover([str(tmp_path)], Config(root=tmp_path)), tmp_path) == ["a.md"]
