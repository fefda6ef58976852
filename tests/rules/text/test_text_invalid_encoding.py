"""TX002: a file saved in a legacy encoding gets one finding naming it and an
unsafe fix that rewrites it as UTF-8 (issue 13)."""
from __future__ import annotations

import json

from click.testing import CliRunner
from hypothesis import example, given, settings
from hypothesis import strategies as st
from text_support import lint

from contentlint.cli.main import main

WESTERN = ["café", "Größe", "Straße", "niño", "déjà", "voilà", "São", "Ærø", "naïve", "“quoted”", "—", "€5", "plain"]


def run(*args):
    return CliRunner().invoke(main, [*args, "--isolated", "--select", "TX002"])


def test_a_windows_1252_file_gets_one_finding_and_an_unsafe_rewrite_as_utf8(tmp_path):
    text = "---\ntitle: Café “Olé”\n---\n\n# Größe\n\nDéjà vu — €5.\n"
    post = tmp_path / "post.md"
    post.write_bytes(text.encode("cp1252"))
    data = json.loads(run("check", str(post), "--format", "json").output)
    assert [(d["line"], d["column"], d["fix"]["applicability"]) for d in data] == [(2, 11, "unsafe")]
    assert data[0]["message"].startswith("File is not UTF-8; it looks like Windows-1252")
    assert data[0]["message"].endswith("(10 bytes are not UTF-8, the first `\\xe9` at byte offset 14)")
    assert data[0]["fix"]["title"] == "Rewrite the file as UTF-8, reading it as Windows-1252"
    assert run("check", str(post), "--fix").exit_code == 1
    assert post.read_bytes() == text.encode("cp1252"), "a safe --fix leaves the guess alone"
    assert run("check", str(post), "--fix", "--unsafe-fixes").exit_code == 0
    assert post.read_bytes() == text.encode("utf-8")


def test_a_windows_1251_file_is_named_and_rewritten(tmp_path):
    text = "# Новости\n\nПривет, как дела? Всё хорошо, файл сохранён в старой кодировке.\n"
    post = tmp_path / "post.md"
    post.write_bytes(text.encode("cp1251"))
    result = run("check", str(post), "--show-fixes")
    assert "looks like Windows-1251" in result.output and "reading it as Windows-1251" in result.output
    run("check", str(post), "--fix", "--unsafe-fixes")
    assert post.read_text(encoding="utf-8") == text


def test_valid_utf8_a_legacy_file_holds_by_chance_is_re_read_too(tmp_path):
    """Windows-1251 `Рё` (bytes D0 B8) happens to be valid UTF-8 `и`: the file
    is still one legacy file, and the rewrite restores every letter."""
    text = "# Рёбра\n\nПривет, как дела? Всё хорошо, файл сохранён в старой кодировке.\n"
    raw = text.encode("cp1251")
    assert not raw.decode("utf-8", "replace").count("\ufffd") == len(raw), "some bytes decode as UTF-8"
    post = tmp_path / "post.md"
    post.write_bytes(raw)
    data = json.loads(run("check", str(post), "--format", "json").output)
    assert len(data) == 1 and "looks like Windows-1251" in data[0]["message"]
    run("check", str(post), "--fix", "--unsafe-fixes")
    assert post.read_text(encoding="utf-8") == text


def test_a_file_mixing_utf8_and_other_bytes_gets_a_finding_per_run_and_no_fix():
    raw = "Café in Latin-1, ".encode("latin-1") + "then UTF-8: café; and \xe9 again.\n".encode("utf-8")
    raw = raw.replace("\xe9 again".encode("utf-8"), b"\xe9 again")
    found = lint(raw, "TX002")
    assert [(v.column, v.message, v.fix) for v in found] == [
        (4, "Invalid UTF-8 byte(s) `\\xe9` at byte offset 3", None),
        (40, "Invalid UTF-8 byte(s) `\\xe9` at byte offset 40", None),
    ]


def test_bytes_no_single_byte_encoding_reads_get_no_fix():
    [finding] = lint(b"A \x81\x8d\x8f\x90\x9d B\n", "TX002")
    assert finding.fix is None and "could not be determined" in finding.message


@settings(max_examples=40, deadline=None)
# MacRoman reads these bytes as "Straﬂe ìquotedî", which the detector scored as a language
@example(["Straße", "Straße", "Straße", "“quoted”", "Straße"])
# charset-normalizer has no reading at all for this one
@example(["€5", "€5", "€5", "€5"])
# Distinct words, as prose has: one word repeated ten times ("déjà déjà …")
# reads to the detector as Lithuanian in Windows-1257 ("déją"), a limit of
# language detection on text with no variety (see the issue note).
@given(st.lists(st.sampled_from(WESTERN), min_size=1, max_size=12, unique=True).filter(
    lambda w: not " ".join(w).isascii()))
def test_any_western_text_saved_as_windows_1252_is_restored_exactly(words):
    from text_support import fix

    text = "# T\n\n" + " ".join(words) + "\n"
    [finding] = lint(text.encode("cp1252"), "TX002")
    assert "Windows-1252" in finding.message
    assert fix(text.encode("cp1252"), "TX002", unsafe=True) == text
