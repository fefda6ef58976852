"""The file system is not always kind: unreadable and vanishing files, folders
with Markdown names, odd and long names, spaces, and very long files. Each is
reported on its own file and the run goes on."""
from __future__ import annotations

import os
import re

from hostile_support import assert_no_traceback, check, check_subprocess
from contentlint import api
from contentlint.document import native
from contentlint.engine import lint as engine

FIXABLE = "---\ntitle: Post\n---\n\n## Heading:\n\nText\n"
FIXED = "---\ntitle: Post\n---\n\n## Heading\n\nText\n"


def test_unreadable_file_is_reported_and_the_others_are_checked(project, monkeypatch):
    project.write("a.md", "# A:\n")
    locked = project.write("locked.md", "# Secret\n")
    project.write("z.md", "# Z:\n")
    real_open = os.open

    def guarded_open(file, *args, **kwargs):
        if os.fspath(file).endswith("locked.md"):
            raise PermissionError(13, "Permission denied", os.fspath(file))
        return real_open(file, *args, **kwargs)

    # Root reads any file whatever its mode, so the refusal is injected; as
    # another user a real mode-000 file is checked in a child process too.
    monkeypatch.setattr(os, "open", guarded_open)
    run = check(".", "--select", "HD004")
    assert run.code == 1
    assert [(f["path"], f["code"], f["message"]) for f in run.findings] == [
        ("a.md", "HD004", "Heading ends with punctuation `:`"),
        ("locked.md", "CL901", "Cannot read file: Permission denied"),
        ("z.md", "HD004", "Heading ends with punctuation `:`"),
    ]
    if os.geteuid() != 0:
        os.chmod(locked, 0)
        real = check_subprocess(".", "--select", "HD004", cwd=project.root)
        assert ("locked.md", "CL901") in [(f["path"], f["code"]) for f in real.findings]


def test_folder_named_like_a_markdown_file_is_walked_not_read(project):
    project.write("weird.md/inner.md", "# Inner:\n")
    run = check(".", "--select", "HD004")
    assert [(f["path"], f["code"]) for f in run.findings] == [(os.path.join("weird.md", "inner.md"), "HD004")]


def test_file_replaced_by_a_folder_after_discovery_is_unreadable(project, monkeypatch):
    post = project.write("post.md", "# Post\n")
    real_discover = api.discover

    def discover(*args, **kwargs):
        found = real_discover(*args, **kwargs)
        post.unlink()
        post.mkdir()
        return found

    monkeypatch.setattr(api, "discover", discover)
    run = check(".")
    assert [(f["path"], f["code"], f["message"]) for f in run.findings] == [
        ("post.md", "CL901", "Cannot read file: it is a directory")
    ]


def test_file_vanishing_between_discovery_and_reading(project, monkeypatch):
    project.write("a.md", "# A:\n")
    gone = project.write("gone.md", "# Gone\n")
    real_discover = api.discover

    def discover(*args, **kwargs):
        found = real_discover(*args, **kwargs)
        gone.unlink()
        return found

    monkeypatch.setattr(api, "discover", discover)
    run = check(".", "--fix", "--select", "HD004")
    assert [(f["path"], f["code"], f["message"]) for f in run.findings] == [
        ("gone.md", "CL901", "Cannot read file: No such file or directory")
    ]
    assert not gone.exists() and (project.root / "a.md").read_text() == "# A\n"


def test_non_ascii_names_are_checked_fixed_and_shown(project):
    names = ["café.md", "日本語の記事.md", "😀 emoji.md", "Ελληνικά/ünïcödé.md"]
    for name in names:
        project.write(name, FIXABLE)
    run = check(".", "--fix", "--select", "HD004")
    assert run.code == 0 and run.findings == []
    for name in names:
        assert (project.root / name).read_text() == FIXED
    for name in names:
        project.write(name, FIXABLE)
    shown = {f["path"] for f in check(".", "--select", "HD004").findings}
    assert shown == {os.path.join(*n.split("/")) for n in names}


def test_very_long_file_name_can_be_checked_and_fixed(project):
    # 255 bytes is the longest name most file systems allow; the temporary
    # file beside it must not need a longer one.
    name = "a" * 252 + ".md"
    deep = "/".join(["d" * 200] * 5)
    long_one = project.write(name, FIXABLE)
    deep_one = project.write(f"{deep}/{'é' * 100}.md", FIXABLE)
    assert len(os.fsencode(deep_one.name)) == 203
    run = check(".", "--fix", "--select", "HD004")
    assert run.code == 0, run.findings
    assert long_one.read_text() == FIXED and deep_one.read_text() == FIXED
    assert project.temp_files() == []


def test_paths_with_spaces_in_console_and_json(project):
    post = project.write("my posts/a post.md", FIXABLE)
    run = check("my posts", "--select", "HD004")
    assert [(f["path"], f["line"]) for f in run.findings] == [(os.path.join("my posts", "a post.md"), 5)]
    console = check("my posts/a post.md", "--select", "HD004", fmt="console")
    assert console.stdout.startswith(f"{os.path.join('my posts', 'a post.md')}\n")
    assert re.search(r"^\s+5:11  error    HD004", console.stdout, re.M)
    assert check("my posts", "--fix", "--select", "HD004").code == 0 and post.read_text() == FIXED


def test_paths_with_spaces_through_the_installed_script(project):
    project.write("my posts/a post.md", FIXABLE)
    run = check_subprocess("my posts/a post.md", "--select", "HD004", cwd=project.root)
    assert run.code == 1 and run.codes() == ["HD004"]
    assert_no_traceback(run)


def _long_page(lines: int) -> str:
    head = "---\ntitle: Long\ndescription: A very long page\n---\n\n"
    block = (
        "## Section {n}\n\nText with a [link](https://example.com/{n}), `code` and “quotes”.\n\n"
        "- item one\n- item two\n\n"
    )
    return head + "".join(block.format(n=n) for n in range((lines - 5) // 7))


def _long_page_with_problems() -> str:
    lines = _long_page(100_000).split("\n")
    lines[50_000:50_000] = ["Café au lait, say the Ã©lÃ¨ves.", ""]
    return "\n".join(lines) + "#### Too deep\n\n## Last section:\n"


def test_a_100000_line_file_is_checked_whole_and_its_markdown_parsed_once(project, monkeypatch):
    """Problems in the middle and on the last lines of a 100,000-line page are
    found on their lines and fixed, and the Markdown parser sees the page
    once: a rule re-parsing per heading is how long pages turn quadratic. The time itself is measured by
    bench/long_file.py, not asserted here."""
    text = _long_page_with_problems()
    page = project.write("long.md", text)
    fed = []
    real_events = native.events

    def counted(source):
        fed.append(len(source))
        return real_events(source)

    monkeypatch.setattr(native, "events", counted)
    run = check("long.md")
    assert [(f["code"], f["line"], f["column"]) for f in run.findings] == [
        ("TX001", 50_001, 23), ("TX001", 50_001, 26), ("HD001", 100_003, 1), ("HD004", 100_005, 16),
    ]
    assert fed == [len(text)]
    fixed = check("long.md", "--fix", "--select", "TX001,HD004")
    assert fixed.code == 0 and fixed.findings == []
    assert page.read_text(encoding="utf-8") == text.replace("Ã©lÃ¨ves", "élèves").replace("section:", "section")
