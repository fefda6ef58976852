"""Symlinks: loops end, links out of the project are reported and never read
or written, links inside are fixed through to their target and stay links."""
from __future__ import annotations

import os
import stat

from hostile_support import check

SECRET = "---\ntitle: AWS_SECRET_ACCESS_KEY=abc123\n---\n\n# Secret:\n"
FIXABLE = "---\ntitle: Post\n---\n\n## Heading:\n\nText"  # HD004 and TX005 have safe fixes


def test_symlinked_folder_loop_terminates(project):
    project.write("a.md", "# A\n")
    (project.root / "loop").symlink_to(project.root)
    (project.root / "sub").mkdir()
    (project.root / "sub" / "back").symlink_to("..")
    run = check(".")
    assert run.code == 0 and run.findings == []


def test_symlinked_file_loop_is_an_unreadable_file(project):
    (project.root / "a.md").symlink_to("b.md")
    (project.root / "b.md").symlink_to("a.md")
    run = check(".")
    assert run.code == 1
    assert sorted((f["path"], f["code"], f["message"]) for f in run.findings) == [
        ("a.md", "CL901", "Cannot read file: Too many levels of symbolic links"),
        ("b.md", "CL901", "Cannot read file: Too many levels of symbolic links"),
    ]


def test_link_out_of_the_project_is_reported_and_not_read_during_a_walk(project, tmp_path):
    secret = tmp_path / "secret.md"
    secret.write_text(SECRET)
    project.write("content/ok.md", "# Ok\n")
    (project.root / "content" / "evil.md").symlink_to(secret)
    run = check("content")
    assert run.findings == [{
        "path": os.path.join("content", "evil.md"), "line": 1, "column": 1, "end_line": 1, "end_column": 1,
        "code": "CL905", "name": "symlink-outside", "severity": "error",
        "message": f"Symlink to `{secret}`, outside the project; not followed", "fix": None,
    }]
    assert run.code == 1
    console = check("content", fmt="console")
    assert "AWS_SECRET" not in console.stdout and "CL905" in console.stdout


def test_relative_link_climbing_out_and_explicit_link_are_reported(project, tmp_path):
    (tmp_path / "notes.md").write_text(SECRET)
    (project.root / "up.md").symlink_to(os.path.join("..", "notes.md"))
    run = check("up.md")
    assert run.codes() == ["CL905"] and "`../notes.md`" in run.findings[0]["message"]


def test_dangling_link_out_of_the_project_is_reported_as_outside(project):
    (project.root / "gone.md").symlink_to("/nonexistent/contentlint/gone.md")
    assert check(".").codes() == ["CL905"]


def test_ignoring_cl905_silences_it_but_still_never_reads_the_target(project, tmp_path):
    secret = tmp_path / "secret.md"
    secret.write_text(SECRET)
    (project.root / "evil.md").symlink_to(secret)
    run = check(".", "--ignore", "CL905", "--select", "HD004")
    assert run.code == 0 and run.findings == []


def test_link_inside_the_project_is_checked_under_its_own_name(project):
    project.write("shared/intro.md", "# Intro:\n")
    (project.root / "content").mkdir()
    (project.root / "content" / "intro.md").symlink_to(os.path.join("..", "shared", "intro.md"))
    run = check("content", "--select", "HD004")
    assert [(f["path"], f["code"]) for f in run.findings] == [(os.path.join("content", "intro.md"), "HD004")]


def test_fix_goes_through_an_inside_link_to_its_target_and_the_link_stays(project):
    target = project.write("shared/post.md", FIXABLE)
    os.chmod(target, 0o640)
    link = project.root / "post.md"
    link.symlink_to(os.path.join("shared", "post.md"))
    run = check("post.md", "--fix", "--select", "HD004,TX005")
    assert run.code == 0, run.stdout
    assert link.is_symlink() and os.readlink(link) == os.path.join("shared", "post.md")
    assert target.read_text() == "---\ntitle: Post\n---\n\n## Heading\n\nText\n"
    assert stat.S_IMODE(target.stat().st_mode) == 0o640
    assert project.temp_files() == []


def test_fix_never_writes_through_a_link_out_of_the_project(project, tmp_path):
    outside = tmp_path / "elsewhere.md"
    outside.write_text(FIXABLE)
    before = outside.stat()
    (project.root / "post.md").symlink_to(outside)
    run = check(".", "--fix")
    assert run.codes() == ["CL905"] and run.code == 1
    assert outside.read_text() == FIXABLE and outside.stat().st_mtime_ns == before.st_mtime_ns
    assert (project.root / "post.md").is_symlink()
    assert list(tmp_path.glob("*.tmp")) == []


def test_fix_keeps_owner_and_permission_bits(project):
    post = project.write("post.md", FIXABLE)
    os.chmod(post, 0o604)
    # Only root may give a file away; as another user the owner is ourselves.
    owner = (1234, 2345) if os.geteuid() == 0 else (os.getuid(), os.getgid())
    if os.geteuid() == 0:
        os.chown(post, *owner)
    assert check("post.md", "--fix", "--select", "HD004,TX005").code == 0
    st = post.stat()
    assert post.read_text().endswith("## Heading\n\nText\n")
    assert (st.st_uid, st.st_gid) == owner and stat.S_IMODE(st.st_mode) == 0o604
