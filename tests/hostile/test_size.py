"""Files over ``max-file-size`` (default 10 MB) are reported and never read,
unless the limit is raised."""
from __future__ import annotations

import os

from hostile_support import check
from contentlint.engine import run as engine
LIMIT = 10 * 1024 * 1024


def _page(size: int) -> bytes:
    head = b"---\ntitle: Big\n---\n\n## Heading:\n\n"
    line = b"Some ordinary text in a very long generated page. " * 40 + b"\n"
    body = line * ((size - len(head)) // len(line) + 1)
    return (head + body)[:size - 1] + b"\n"


def test_file_over_the_default_limit_is_reported_and_not_read(project, monkeypatch):
    big = project.write("big.md", _page(LIMIT + 1))
    project.write("small.md", "## Small:\n")
    real_open = open

    def watched_open(file, *args, **kwargs):
        assert os.fspath(file) != str(big), "a file over max-file-size was read"
        return real_open(file, *args, **kwargs)

    monkeypatch.setattr(engine, "open", watched_open, raising=False)
    run = check(".", "--select", "HD004", "--fix")
    assert [(f["path"], f["code"], f["line"], f["message"]) for f in run.findings] == [
        ("big.md", "CL903", 1, "File is 10,485,761 bytes, over max-file-size (10,485,760); not checked"),
    ]
    assert run.code == 1
    assert big.read_bytes() == _page(LIMIT + 1)
    assert (project.root / "small.md").read_text() == "## Small\n"


def test_file_at_the_limit_is_checked_one_byte_more_is_not(project):
    project.config("max-file-size = 4096\n")
    project.write("at.md", _page(4096))
    project.write("over.md", _page(4097))
    run = check(".", "--select", "HD004")
    assert [(f["path"], f["code"], f["line"]) for f in run.findings] == [("at.md", "HD004", 5), ("over.md", "CL903", 1)]
    assert run.findings[1]["message"] == "File is 4,097 bytes, over max-file-size (4,096); not checked"


def test_raised_limit_checks_and_fixes_the_file(project):
    project.config(f"max-file-size = {LIMIT * 2}\n")
    big = project.write("big.md", _page(LIMIT + 1))
    assert check("big.md", "--select", "HD004", "--fix").code == 0
    assert big.read_bytes() == _page(LIMIT + 1).replace(b"Heading:", b"Heading", 1)


def test_ignoring_cl903_skips_big_files_silently(project):
    project.write("big.md", _page(LIMIT + 1))
    run = check("big.md", "--ignore", "CL903")
    assert run.code == 0 and run.findings == []
