"""TX001/TX002 evaluation on real translated text (issue 13).

Source text: the translated strings (msgstr) of the gettext catalogues
installed on this machine (/usr/share/locale/*/LC_MESSAGES/*.mo), read with
Python's gettext.GNUTranslations. Nothing is stored: the samples are drawn
afresh with a fixed seed.

For each sampled paragraph and each kind of damage (UTF-8 read as
Windows-1252, Latin-1, Windows-1251, Windows-1250, ISO-8859-2, MacRoman,
code page 437, Windows-1252 twice, Windows-1251 twice; Windows-1252 punctuation
read as Latin-1 C1 controls; lossy Windows-1252 with U+FFFD), both the whole
paragraph and one single word are damaged. Counted, against what
``ftfy.fix_encoding`` itself restores exactly:

- recall: the damaged paragraph gets a TX001 finding
- exact restoration: ``--fix --unsafe-fixes`` gives back the original paragraph
- wrong characters written by safe fixes (each safe edit compared with the
  original text it replaces, aligned on the unchanged ASCII)
- residue a re-check misses: not restored, yet a second lint finds nothing
- false alarms: TX001 findings on the undamaged paragraphs (printed for checking)

``--ftfy-cases DIR`` also scores ftfy's published test cases (a local copy of
python-ftfy's tests/test-cases/*.json): positives are the "expect: pass" cases
whose fix_encoding result differs from the input.

    .venv/bin/python bench/mojibake.py --samples 1500 [--ftfy-cases /tmp/ftfy-cases]
"""
from __future__ import annotations

import argparse
import gettext
import json
import random
import re
import sys
import time
from collections import Counter, defaultdict
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "src"))

import ftfy  # noqa: E402
import ftfy.bad_codecs  # noqa: E402,F401

from contentlint.config.loader import Config  # noqa: E402
from contentlint.document.document import Document  # noqa: E402
from contentlint.engine.lint import Settings, check_document, lint_document  # noqa: E402
from contentlint.rules.text.mojibake_repair import _RUNS, _changed_runs  # noqa: E402

PER_DOC = 100
UTF8_AS = {
    "cp1252": ("sloppy-windows-1252",), "latin-1": ("latin-1",), "cp1251": ("sloppy-windows-1251",),
    "cp1250": ("sloppy-windows-1250",), "iso-8859-2": ("iso-8859-2",), "macroman": ("macroman",),
    "cp437": ("cp437",), "cp1252x2": ("sloppy-windows-1252",) * 2, "cp1251x2": ("sloppy-windows-1251",) * 2,
}
_WORD = re.compile(r"\S*[^\x00-\x7f]\S*")


def damage(text: str, kind: str) -> str | None:
    if kind in UTF8_AS:
        for codec in UTF8_AS[kind]:
            text = text.encode("utf-8").decode(codec)
        return text
    if kind == "c1":  # Windows-1252 punctuation read as Latin-1
        try:
            return text.encode("windows-1252").decode("latin-1")
        except UnicodeEncodeError:
            return None
    if kind == "cp1252-a0":  # and its non-breaking spaces turned into spaces
        return text.encode("utf-8").decode("sloppy-windows-1252").replace("\xa0", " ")
    if kind == "lossy":  # strict Windows-1252 that lost its undefined bytes
        return text.encode("utf-8").decode("windows-1252", errors="replace")
    raise ValueError(kind)


def sources(limit: int, seed: int) -> list[str]:
    seen, out = set(), []
    for mo in sorted(Path("/usr/share/locale").glob("*/LC_MESSAGES/*.mo")):
        try:
            with open(mo, "rb") as fh:
                catalog = gettext.GNUTranslations(fh)._catalog
        except Exception:
            continue
        for msgid, msgstr in catalog.items():
            if not msgid or not isinstance(msgstr, str):
                continue
            text = " ".join(msgstr.split())
            # Keep paragraphs that Markdown reads as plain paragraphs of text.
            if len(text) < 12 or text.isascii() or any(c in text for c in "`<>\\") or text[0] in "#>*+-=|0123456789[!":
                continue
            if text not in seen:
                seen.add(text)
                out.append(text)
    random.Random(seed).shuffle(out)
    return out[:limit]


def config() -> Config:
    return Config.from_table({"select": ["TX001"]}, root=REPO, source="bench")


CFG = None


def lint_paragraphs(paragraphs: list[str]):
    """Per paragraph: (finding count, safe-fixed, unsafe-fixed, safe edits, re-check findings)."""
    out = []
    for i in range(0, len(paragraphs), PER_DOC):
        chunk = paragraphs[i : i + PER_DOC]
        text = "\n\n".join(chunk) + "\n"
        doc = Document.from_bytes("b.md", text.encode("utf-8", "surrogatepass"))
        violations, _ = lint_document(doc, CFG, "b.md")
        counts, safe_edits = Counter(), defaultdict(list)
        starts = [doc.lines.line_start(2 * k) for k in range(len(chunk))]
        for v in violations:
            k = (v.line - 1) // 2
            counts[k] += 1
            if v.fix and v.fix.applicability.value == "safe":
                safe_edits[k] += [(e.start - starts[k], e.end - starts[k], e.replacement) for e in v.fix.edits]
        fixed = {}
        for unsafe in (False, True):
            result, _ = check_document(doc, CFG, "b.md", Settings(fix=True, unsafe_fixes=unsafe))
            fixed[unsafe] = (result.fixed_text or text).split("\n")
        again = Document.from_bytes("b.md", "\n".join(fixed[True]).encode("utf-8", "surrogatepass"))
        recheck = Counter((v.line - 1) // 2 for v in lint_document(again, CFG, "b.md")[0])
        for k in range(len(chunk)):
            out.append((counts[k], fixed[False][2 * k], fixed[True][2 * k], safe_edits[k], recheck[k]))
    return out


def wrong_safe_edits(damaged: str, original: str, edits) -> int | None:
    """Safe edits whose replacement is not the original text of the runs they
    cover; None when the damage moved ASCII (no exact alignment)."""
    a, b = _RUNS.findall(damaged), _RUNS.findall(original)
    if len(a) != len(b) or any(x != y and (x.isascii() or y.isascii()) for x, y in zip(a, b)):
        return None if edits else 0
    bounds, pos = {}, 0
    for i, run in enumerate(a):
        bounds[pos] = i
        pos += len(run)
    bounds[pos] = len(a)
    wrong = 0
    for start, end, replacement in edits:
        if start not in bounds or end not in bounds:
            wrong += 1
            continue
        wrong += replacement != "".join(b[bounds[start] : bounds[end]])
    return wrong


def _wrong_chars(fixed: str, original: str, damaged: str) -> bool:
    """Whether ``fixed`` holds a character that is in neither the original
    nor the damaged text (a cruder check that needs no alignment)."""
    return bool(set(fixed) - set(original) - set(damaged))


def evaluate(texts: list[str], seed: int) -> None:
    rng = random.Random(seed)
    cases = []  # (kind, mode, original, damaged)
    for text in texts:
        for kind in list(UTF8_AS) + ["cp1252-a0", "c1", "lossy"]:
            whole = damage(text, kind)
            if whole is not None and whole != text:
                cases.append((kind, "paragraph", text, whole))
            words = list(_WORD.finditer(text))
            if words:
                m = rng.choice(words)
                hit = damage(m.group(), kind)
                if hit is not None and hit != m.group():
                    cases.append((kind, "word", text, text[: m.start()] + hit + text[m.end() :]))
    t0 = time.process_time()
    results = lint_paragraphs([c[3] for c in cases])
    cpu = time.process_time() - t0
    table = defaultdict(Counter)
    misses = []
    for (kind, mode, original, damaged), (found, safe_fixed, all_fixed, safe_edits, recheck) in zip(cases, results):
        row = table[(kind, mode)]
        row["cases"] += 1
        target = ftfy.fix_encoding(damaged)
        row["ftfy changes"] += target != damaged
        row["flagged of changed"] += target != damaged and found > 0
        if target != original:
            continue
        row["ftfy restores"] += 1
        row["flagged"] += found > 0
        row["restored"] += all_fixed == original
        row["safe-restored"] += safe_fixed == original
        wrong = wrong_safe_edits(damaged, original, safe_edits)
        row["safe edits"] += len(safe_edits)
        row["wrong safe edits"] += wrong or 0
        # Unaligned (a space became 0xA0 again): all edits of one lint are
        # disjoint, so when applying all of them restores the original, each
        # safe one wrote the original's text.
        row["unaligned safe edits"] += len(safe_edits) if wrong is None and all_fixed != original else 0
        row["safe-fixed wrong"] += safe_fixed != damaged and _wrong_chars(safe_fixed, original, damaged)
        row["residue missed"] += all_fixed != original and recheck == 0
        if found == 0 and len(misses) < 12:
            misses.append((kind, mode, damaged[:90]))
    total = Counter()
    print(f"{'damage':<11}{'mode':<10}{'cases':>7}{'ftfy':>7}{'flagged':>9}{'recall':>8}{'restored':>9}{'exact':>8}"
          f"{'safe=':>7}{'safeEd':>7}{'wrong':>6}{'resid':>6}")
    for (kind, mode), row in sorted(table.items()):
        total.update(row)
        _line(kind, mode, row)
    _line("ALL", "", total)
    print(f"ftfy changes {total['ftfy changes']} damaged paragraphs (restoring {total['ftfy restores']} exactly); "
          f"TX001 flags {total['flagged of changed']} of those it changes")
    print(f"safe edits left unchecked (no alignment, original not restored): {total['unaligned safe edits']}; "
          f"paragraphs where --fix (safe only) wrote a character neither damaged nor original: {total['safe-fixed wrong']}")
    print(f"TX001 check+fix CPU for {len(cases)} damaged paragraphs: {cpu:.1f} s")
    for miss in misses:
        print("  missed:", miss)


def _line(kind: str, mode: str, row: Counter) -> None:
    base = row["ftfy restores"] or 1
    print(f"{kind:<11}{mode:<10}{row['cases']:>7}{row['ftfy restores']:>7}{row['flagged']:>9}"
          f"{100 * row['flagged'] / base:>7.1f}%{row['restored']:>9}{100 * row['restored'] / base:>7.1f}%"
          f"{row['safe-restored']:>7}{row['safe edits']:>7}{row['wrong safe edits']:>6}{row['residue missed']:>6}")


def false_alarms(texts: list[str]) -> None:
    results = lint_paragraphs(texts)
    flagged = [(t, r[2]) for t, r in zip(texts, results) if r[0]]
    print(f"false alarms: {len(flagged)} of {len(texts)} undamaged paragraphs flagged (each printed for a check by hand)")
    for text, fixed in flagged[:40]:
        print("  ", json.dumps(text, ensure_ascii=False)[:160], "->", json.dumps(fixed, ensure_ascii=False)[:160])


LEGACY = ["cp1252", "cp1250", "cp1251", "cp1253", "cp1254", "cp1255", "cp1256", "cp1257"]


def legacy_files(limit: int, seed: int) -> None:
    """TX002: one file per catalogue (its first translated strings, ~1.5 KB),
    saved in the first Windows code page that holds it all."""
    from contentlint.rules.text.legacy_encoding import guess_single_byte

    cfg = Config.from_table({"select": ["TX002"]}, root=REPO, source="bench")
    mos = sorted(Path("/usr/share/locale").glob("*/LC_MESSAGES/*.mo"))
    random.Random(seed).shuffle(mos)
    rows = defaultdict(Counter)
    wrong = []
    for mo in mos:
        if sum(r["files"] for r in rows.values()) >= limit:
            break
        try:
            with open(mo, "rb") as fh:
                strings = [" ".join(v.split()) for k, v in gettext.GNUTranslations(fh)._catalog.items() if k and isinstance(v, str)]
        except Exception:
            continue
        text = "".join(f"{t}\n\n" for t in strings if t and not t.isascii())[:1500]
        if not text or "\x00" in text:
            continue
        codec = next((c for c in LEGACY if _encodes(text, c)), None)
        if codec is None:
            continue
        raw = text.encode(codec)
        row = rows[codec]
        row["files"] += 1
        doc = Document.from_bytes("f.md", raw)
        found = lint_document(doc, cfg, "f.md")[0]
        row["one finding"] += len(found) == 1
        named, alternatives = guess_single_byte(raw)
        right = named is not None and raw.decode(named) == text
        row["right or alternative"] += any(raw.decode(c) == text for c in ([named] if named else []) + alternatives)
        row["named right"] += right
        row["no fix"] += named is None
        if named is not None and not right:
            row["named wrong"] += 1
            if len(wrong) < 10:
                wrong.append((mo.parts[-3], codec, named))
        result, _ = check_document(doc, cfg, "f.md", Settings(fix=True, unsafe_fixes=True))
        row["restored"] += (result.fixed_text or doc.text) == text
    print(f"{'TX002 codec':<12}{'files':>6}{'1 finding':>10}{'named right':>12}{'restored':>9}{'no fix':>7}{'wrong':>6}"
          f"{'in message':>11}")
    total = Counter()
    for codec, row in sorted(rows.items()):
        total.update(row)
        print(f"{codec:<12}{row['files']:>6}{row['one finding']:>10}{row['named right']:>12}{row['restored']:>9}"
              f"{row['no fix']:>7}{row['named wrong']:>6}{row['right or alternative']:>11}")
    print(f"{'ALL':<12}{total['files']:>6}{total['one finding']:>10}{total['named right']:>12}{total['restored']:>9}"
          f"{total['no fix']:>7}{total['named wrong']:>6}{total['right or alternative']:>11}")
    for item in wrong:
        print("   named wrong (locale, saved as, named):", item)


def _encodes(text: str, codec: str) -> bool:
    try:
        text.encode(codec)
        return True
    except UnicodeEncodeError:
        return False


def ftfy_cases(folder: Path) -> None:
    cases = []
    for path in sorted(folder.glob("*.json")):
        cases += json.loads(path.read_text(encoding="utf-8"))
    positives = [c for c in cases if c["expect"] == "pass" and c.get("fixed-encoding", c["fixed"]) != c["original"]]
    negatives = [c for c in cases if c["expect"] == "pass" and c.get("fixed-encoding", c["fixed"]) == c["original"]]
    found = exact = 0
    for c in positives:
        text = c["original"].replace("\n", " ")
        doc = Document.from_bytes("c.md", (text + "\n").encode("utf-8", "surrogatepass"))
        found += bool(lint_document(doc, CFG, "c.md")[0])
        result, _ = check_document(doc, CFG, "c.md", Settings(fix=True, unsafe_fixes=True))
        exact += (result.fixed_text or doc.text) == ftfy.fix_encoding(text) + "\n"
    alarms = sum(bool(lint_document(Document.from_bytes("c.md", (c["original"] + "\n").encode("utf-8", "surrogatepass")),
                                    CFG, "c.md")[0]) for c in negatives)
    print(f"ftfy test cases: {found}/{len(positives)} positives found, {exact}/{len(positives)} fixed to fix_encoding's "
          f"result; {alarms}/{len(negatives)} negatives flagged")


def main() -> None:
    global CFG
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--samples", type=int, default=1500, help="source paragraphs to damage")
    parser.add_argument("--clean", type=int, default=20000, help="undamaged paragraphs checked for false alarms")
    parser.add_argument("--seed", type=int, default=13)
    parser.add_argument("--ftfy-cases", type=Path)
    parser.add_argument("--files", type=int, default=400, help="legacy-encoded files for TX002")
    args = parser.parse_args()
    CFG = config()
    texts = sources(args.samples + args.clean, args.seed)
    print(f"{len(texts)} paragraphs from the installed .mo catalogues")
    if args.ftfy_cases:
        ftfy_cases(args.ftfy_cases)
    legacy_files(args.files, args.seed)
    evaluate(texts[: args.samples], args.seed)
    false_alarms(texts[args.samples :])


if __name__ == "__main__":
    main()
