"""Symlinks: loops end, links out of the project are reported and never read
or written, links inside are fixed through to their target and stay links."""
from __future__ import annotations

import os
import stat

from hostile_support import check

SECRET = "---\ntitle: AWS_SECRET_ACCESS_KEY=abc123\n---\n\n# Secret:\n"
FIXABLE = "---\ntitle: Post\n---\n\n## Heading:\n\nText"  # HD004 and TX005 have safe fixes
MOJIBAKE = "---\ntitle: Post\n---\n\nA caf\u00c3\u00a9 nearby.\n"
MOJIBAKE_FIXED = "---\ntitle: Post\n---\n\nA caf\u00e9 nearby.\n"


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
        "message": f"Symlink to `{secret}`, outside the checked folders; not followed", "fix": None,
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


def test_link_out_of_the_named_folder_is_neither_read_nor_fixed(project):
    # Issue 12: `content/post.md -> ../outside/secret.md` had its mojibake
    # "fixed" in outside/secret.md, although only `content` was named.
    secret = project.write("outside/secret.md", MOJIBAKE)
    before = secret.stat().st_mtime_ns
    link = project.root / "content" / "post.md"
    link.parent.mkdir()
    link.symlink_to(os.path.join("..", "outside", "secret.md"))
    run = check("content", "--fix")
    assert [(f["path"], f["code"]) for f in run.findings] == [(os.path.join("content", "post.md"), "CL905")]
    assert "`../outside/secret.md`" in run.findings[0]["message"] and run.code == 1
    assert secret.read_bytes() == MOJIBAKE.encode() and secret.stat().st_mtime_ns == before
    assert link.is_symlink() and project.temp_files() == []


def test_link_into_another_named_folder_is_followed(project):
    project.write("shared/intro.md", "# Intro:\n")
    (project.root / "content").mkdir()
    (project.root / "content" / "intro.md").symlink_to(os.path.join("..", "shared", "intro.md"))
    run = check("content", "shared", "--select", "HD004")
    # Checked once, under its own name.
    assert [(f["path"], f["code"]) for f in run.findings] == [(os.path.join("shared", "intro.md"), "HD004")]


def test_link_and_its_target_in_one_walk_are_checked_and_fixed_once(project):
    target = project.write("content/real/post.md", MOJIBAKE)
    link = project.root / "content" / "a-link.md"
    link.symlink_to(os.path.join("real", "post.md"))
    run = check("content", "--select", "TX001")
    assert [(f["path"], f["code"]) for f in run.findings] == [(os.path.join("content", "real", "post.md"), "TX001")]
    fixed = check("content", "--fix", "--select", "TX001")
    assert fixed.code == 0 and fixed.findings == []
    assert target.read_text(encoding="utf-8") == MOJIBAKE_FIXED
    assert link.is_symlink() and os.readlink(link) == os.path.join("real", "post.md")


def test_symlinked_folder_out_of_the_named_folder_is_not_followed_and_is_named(project):
    outside = project.write("elsewhere/post.md", MOJIBAKE)
    before = outside.stat().st_mtime_ns
    project.write("content/ok.md", "# Ok\n")
    (project.root / "content" / "linked").symlink_to(os.path.join("..", "elsewhere"))
    run = check("content", "--fix")
    assert run.code == 0 and run.findings == []
    assert ("`content/linked` is a symlink to a folder outside the checked folders (`../elsewhere`); not followed"
            in run.stderr)
    assert outside.read_bytes() == MOJIBAKE.encode() and outside.stat().st_mtime_ns == before


def test_symlinked_folder_named_on_the_command_line_is_checked(project):
    project.write("elsewhere/post.md", MOJIBAKE)
    (project.root / "linked").symlink_to("elsewhere")
    run = check("linked", "--select", "TX001")
    assert [(f["path"], f["code"]) for f in run.findings] == [(os.path.join("linked", "post.md"), "TX001")]


def test_link_retargeted_outside_after_reading_is_not_written(project, tmp_path, monkeypatch):
    """The write goes only to the file that was read and vetted: a link
    switched to a file outside between reading and writing is left alone."""
    from contentlint.engine import run as engine
    inside = project.write("real.md", MOJIBAKE)
    outside = tmp_path / "outside.md"
    outside.write_text(MOJIBAKE, encoding="utf-8")
    link = project.root / "post.md"
    link.symlink_to("real.md")
    real_write = engine.write_atomic

    def retarget_then_write(*args, **kwargs):
        link.unlink()
        link.symlink_to(outside)
        # Same bytes, size and time as the file read: only its identity differs.
        st = inside.stat()
        os.utime(outside, ns=(st.st_atime_ns, st.st_mtime_ns))
        return real_write(*args, **kwargs)

    monkeypatch.setattr(engine, "write_atomic", retarget_then_write)
    run = check("post.md", "--fix", "--select", "TX001")
    assert "CL904" in run.codes() and run.code == 2
    assert outside.read_bytes() == MOJIBAKE.encode() and inside.read_bytes() == MOJIBAKE.encode()
    assert link.is_symlink() and list(tmp_path.glob("*.tmp")) == [] and project.temp_files() == []


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
