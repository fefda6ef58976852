"""TX001 mojibake: ftfy's repair of whole lines, span by span (issue 13)."""
from __future__ import annotations

import json

import ftfy
import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st
from text_support import damage, fix, lint

from contentlint.cli.main import main
from contentlint.rules.text.mojibake_repair import find_repairs

W1252, W1251, W1250 = "sloppy-windows-1252", "sloppy-windows-1251", "sloppy-windows-1250"

# (original, codecs, the words of the message)
CASES = [
    ("Ein schöner Tag für Straßenbahnen", (W1252,), "UTF-8 read as Windows-1252"),
    ("Él dijo “ya está”", ("latin-1",), "UTF-8 read as Latin-1"),
    ("Привет, как дела?", (W1251,), "UTF-8 read as Windows-1251"),
    ("Привет мир", (W1251, W1251), "UTF-8 read as Windows-1251, twice"),
    ("Zażółć gęślą jaźń", (W1250,), "UTF-8 read as Windows-1250"),
    ("Příliš žluťoučký kůň", ("iso-8859-2",), "UTF-8 read as ISO-8859-2"),
    ("Voilà… déjà vu", ("macroman",), "UTF-8 read as MacRoman"),
    ("Größe und Länge", ("cp437",), "UTF-8 read as code page 437"),
    ("Καλημέρα κόσμε", ("sloppy-windows-1253",), "UTF-8 read as Windows-1253"),
    ("Ce n’est pas la même chose", (W1252, W1252), "UTF-8 read as Windows-1252, twice"),
    # the same bytes in Latin-1 and Windows-1252: ftfy names Latin-1
    ("Norsk på språket", (W1252,), "UTF-8 read as Latin-1"),
    ("Oʻzbek tili", (W1252,), "UTF-8 read as Latin-1"),
]


@pytest.mark.parametrize("original, codecs, words", CASES, ids=[c[2] + ":" + c[0][:8] for c in CASES])
def test_every_encoding_ftfy_repairs_is_flagged_explained_and_restored_by_a_safe_fix(original, codecs, words):
    line = damage(original, *codecs)
    found = lint(f"# Title\n\n{line}\n")
    assert found and all(v.line == 3 for v in found)
    assert all(f"({words})" in v.message for v in found), [v.message for v in found]
    assert all(v.fix.applicability.value == "safe" for v in found)
    assert fix(f"# Title\n\n{line}\n") == f"# Title\n\n{original}\n"


def test_windows_1252_punctuation_read_as_c1_controls_is_repaired_not_deleted():
    text = "# T\n\nHe said \x84so\x93 and \x96 it costs \x80 5.\n"
    found = lint(text)
    assert [(v.message, v.fix.applicability.value) for v in found] == [
        ("Mojibake `\\x84` (Windows-1252 read as Latin-1); should be `„`", "safe"),
        ("Mojibake `\\x93` (Windows-1252 read as Latin-1); should be `“`", "safe"),
        ("Mojibake `\\x96` (Windows-1252 read as Latin-1); should be `–`", "safe"),
        # 0x80 is € in Windows-1252 but Ђ in Windows-1251: not certain
        ("Mojibake `\\x80` (Windows-1252 read as Latin-1); should be `€`", "unsafe"),
    ]
    assert fix(text) == "# T\n\nHe said „so“ and – it costs \x80 5.\n"
    assert fix(text, unsafe=True) == "# T\n\nHe said „so“ and – it costs € 5.\n"


def test_lost_bytes_and_a_lost_non_breaking_space_are_unsafe():
    lossy = lint("x\n\nâ€œ quoted â€\ufffd\n")
    assert [v.fix.applicability.value for v in lossy] == ["safe", "unsafe"]
    assert "some bytes were lost" in lossy[1].message
    a0 = lint("x\n\nvoilÃ le travail\n")
    assert [v.fix.applicability.value for v in a0] == ["unsafe"]
    assert "a non-breaking space became a space" in a0[0].message
    assert fix("x\n\nvoilÃ le travail\n", unsafe=True) == "x\n\nvoilà le travail\n"


def test_damage_is_judged_with_its_neighbours_not_cut_out_alone():
    """Old bug: a pattern cut `Â¢â` and `Ä¶` out of longer damage and repaired
    them alone, writing `墉` and `‚Ķ` by a safe fix (cases from ftfy's tests)."""
    lossy = "ItÃ?Â¢â?¬â?¢s classic."
    assert fix(f"t\n\n{lossy}\n") == f"t\n\n{lossy}\n", "lost bytes: no safe repair"
    assert fix(f"t\n\n{lossy}\n", unsafe=True) == f"t\n\n{ftfy.fix_encoding(lossy)}\n"
    mac = "afin d'en profiter‚Ä¶"
    assert fix(f"t\n\n{mac}\n") == "t\n\nafin d'en profiter…\n"


def test_code_spans_and_blocks_are_left_alone_but_frontmatter_values_are_checked():
    bad = damage("Новости", W1251)
    text = f'---\ntitle: "{bad}"\n---\n\nUse `{bad}` here, but {bad} there.\n\n```\n{bad}\n```\n'
    found = lint(text)
    assert [(v.line, v.column) for v in found] == [(2, 9), (5, 18 + len(bad))]
    assert fix(text) == f'---\ntitle: "Новости"\n---\n\nUse `{bad}` here, but Новости there.\n\n```\n{bad}\n```\n'


def test_the_old_latin_extended_misses_are_found():
    """Old bug: letters such as Norwegian `å`, Polish `ł` and Uzbek `ʻ` damaged
    one word at a time were missed when the pattern cut the word apart."""
    for word in ("på", "zał", "Oʻzbek", "už"):
        line = f"Ord {damage(word, W1252)} her"
        assert lint(f"t\n\n{line}\n"), line


WORDS = [
    "café", "naïve", "Größe", "Straße", "på", "språk", "łódź", "żółw", "čeština", "ještě", "niño", "São",
    "Ελληνικά", "Русский", "привет", "українська", "中文", "日本語", "한국어", "עברית", "العربية", "Tiếng",
    "Việt", "Oʻzbek", "Հայերեն", "ქართული", "ไทย", "हिन्दी", "🎉", "—", "’", "“quoted”", "…", "€5",
]
CODECS = [(W1252,), ("latin-1",), (W1251,), (W1250,), ("iso-8859-2",), ("macroman",), ("cp437",), (W1252, W1252)]


@st.composite
def damaged_lines(draw):
    words = draw(st.lists(st.sampled_from(WORDS + ["plain", "text", "and"]), min_size=1, max_size=8))
    codecs = draw(st.sampled_from(CODECS))
    hit = draw(st.lists(st.booleans(), min_size=len(words), max_size=len(words)))
    return " ".join(damage(w, *codecs) if h else w for w, h in zip(words, hit))


@settings(max_examples=150, deadline=None)
@given(damaged_lines())
def test_all_repairs_of_a_line_together_equal_ftfys_repair_and_leave_no_residue(line):
    expected = ftfy.fix_encoding(line)
    repairs = find_repairs(line)
    rebuilt, pos = [], 0
    for r in repairs:
        assert pos <= r.start < r.end
        rebuilt += [line[pos : r.start], r.replacement]
        pos = r.end
    assert "".join(rebuilt) + line[pos:] == expected
    fixed = fix(f"t\n\n{line}\n", unsafe=True)
    assert fixed == f"t\n\n{expected}\n"
    assert not lint(fixed), "a re-check after fixing finds nothing left"


@settings(max_examples=150, deadline=None)
@given(st.lists(st.sampled_from(WORDS + ["plain", "text"]), min_size=1, max_size=10))
def test_undamaged_text_is_never_flagged(words):
    assert lint("t\n\n" + " ".join(words) + "\n") == []


def test_show_fixes_prints_before_and_after(tmp_path):
    post = tmp_path / "post.md"
    post.write_text(f"# T\n\n{damage('Привет мир', W1251, W1251)}\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["check", str(post), "--isolated", "--select", "TX001", "--show-fixes"])
    assert result.exit_code == 1
    assert "UTF-8 read as Windows-1251, twice" in result.output
    assert "fix: Replace `" in result.output and "` with `Привет мир`" in result.output
    data = json.loads(CliRunner().invoke(main, ["check", str(post), "--isolated", "--select", "TX001",
                                                "--format", "json"]).output)
    assert [d["fix"]["applicability"] for d in data] == ["safe"]
    fixed = CliRunner().invoke(main, ["check", str(post), "--isolated", "--select", "TX001", "--fix"])
    assert fixed.exit_code == 0 and post.read_text(encoding="utf-8") == "# T\n\nПривет мир\n"


def _codec_alphabet() -> list[str]:
    from contentlint.rules.text.mojibake_repair import _CODECS

    return sorted({bytes([b]).decode(c) for b in range(0x80, 0x100) for c in _CODECS}) + list("aZ ?.\ufffd\x1a")


@settings(max_examples=400, deadline=None)
@given(st.one_of(damaged_lines(), st.text(alphabet=_codec_alphabet(), max_size=10)))
def test_the_fast_prefilter_never_hides_text_ftfy_would_change(text):
    """The rule only hands ftfy the lines its character-class pattern matches;
    every text ftfy.fix_encoding changes must match it."""
    from contentlint.rules.text.mojibake_repair import suspect_pattern

    if ftfy.fix_encoding(text) != text:
        assert suspect_pattern().search(text), text


def test_the_prefilter_reads_bytes_exactly_as_ftfys_codecs_do():
    from contentlint.rules.text.mojibake_repair import _CODECS, _char

    assert all(_char(b, c) == bytes([b]).decode(c) for b in range(0x80, 0x100) for c in _CODECS)


def test_c1_punctuation_called_certain_reads_the_same_in_every_windows_code_page():
    from contentlint.rules.text.mojibake_repair import _AGREED_C1

    raw = "".join(sorted(_AGREED_C1)).encode("latin-1")
    assert len({raw.decode(f"cp{page}") for page in range(1250, 1259)}) == 1
