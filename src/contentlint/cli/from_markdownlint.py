"""`contentlint init --from-markdownlint`: read a markdownlint configuration
and say what it means here.

markdownlint's rules are switched on and off as markdownlint does it (the
`default` key, then every key in order: a rule code, an alias or a tag; an
object turns a rule on with options), then each rule with a contentlint
equivalent (config.markdownlint.EQUIVALENT) gives its selection, severity and
options. The rest is listed as having no equivalent. contentlint's own
families (frontmatter, text, links) keep their defaults: markdownlint has no
opinion on them.
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Optional

from ..config.catalogue import get_rule
from ..config.markdownlint import EQUIVALENT, RULES, label, markdownlint_codes

# markdownlint-cli2's search order, then markdownlint-cli's.
FILES = (
    ".markdownlint-cli2.jsonc", ".markdownlint-cli2.yaml",
    ".markdownlint.jsonc", ".markdownlint.json", ".markdownlint.yaml", ".markdownlint.yml",
)
JS_FILES = (".markdownlint-cli2.cjs", ".markdownlint-cli2.mjs", ".markdownlint.cjs", ".markdownlint.mjs")
_TITLE_KEY = re.compile(r'\^\\s\*(?:"\?)?([A-Za-z_][\w-]*)(?:"\?)?\\s\*\[:=\]')
_DEFAULT_TITLE_PATTERN = r'^\s*"?title"?\s*[:=]'


class MigrationError(Exception):
    """The markdownlint file cannot be read; `init` exits 2."""


@dataclass
class Migration:
    source: Path
    top: dict[str, Any] = field(default_factory=dict)  # ignore, extend-select, extend-exclude, title-key
    rules: dict[str, dict[str, Any]] = field(default_factory=dict)  # rule name -> {option: value}
    origins: dict[str, str] = field(default_factory=dict)  # rule name -> the markdownlint rule it comes from
    report: list[str] = field(default_factory=list)


def find(folder: Path) -> Path:
    for name in FILES:
        if (folder / name).is_file():
            return folder / name
    scripts = [name for name in JS_FILES if (folder / name).is_file()]
    if scripts:
        raise MigrationError(f"{folder / scripts[0]} is JavaScript, which contentlint cannot read; "
                             "write its configuration as .markdownlint.jsonc or .yaml, or name that file")
    raise MigrationError(f"no markdownlint configuration in {folder} (looked for {', '.join(FILES)})")


def strip_jsonc(text: str) -> str:
    """JSON with comments and trailing commas (markdownlint's JSONC) as JSON."""
    out = []
    i, n = 0, len(text)
    while i < n:
        c = text[i]
        if c == '"':
            j = i + 1
            while j < n and text[j] != '"':
                j += 2 if text[j] == "\\" else 1
            out.append(text[i:j + 1])
            i = j + 1
        elif text.startswith("//", i):
            while i < n and text[i] not in "\r\n":
                i += 1
        elif text.startswith("/*", i):
            end = text.find("*/", i + 2)
            i = n if end < 0 else end + 2
        elif c in "]}":
            # a trailing comma before the closing bracket
            k = len(out) - 1
            while k >= 0 and not out[k].strip():
                k -= 1
            if k >= 0 and out[k].rstrip().endswith(","):
                out[k] = out[k].rstrip()[:-1]
            out.append(c)
            i += 1
        else:
            out.append(c)
            i += 1
    return "".join(out)


def read(path: Path, seen: Optional[set[Path]] = None) -> dict[str, Any]:
    """The markdownlint rule configuration in ``path`` (`config` of a
    markdownlint-cli2 file), with ``extends`` followed."""
    seen = seen or set()
    real = path.resolve()
    if real in seen:
        raise MigrationError(f"{path}: `extends` forms a cycle")
    seen.add(real)
    data = _load(path)
    if path.name.startswith(".markdownlint-cli2"):
        data = data.get("config", {})
        if not isinstance(data, dict):
            raise MigrationError(f"{path}: `config` is not an object")
    base = data.get("extends")
    if isinstance(base, str):
        parent = path.parent / base
        if not parent.is_file():
            raise MigrationError(f"{path}: `extends` names {base}, which is not a file here")
        merged = read(parent, seen)
        merged.update({k: v for k, v in data.items() if k != "extends"})
        return merged
    return data


def _load(path: Path) -> dict[str, Any]:
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise MigrationError(f"{path}: cannot read: {exc}") from None
    try:
        if path.suffix in (".yaml", ".yml"):
            import yaml  # lazy: start-up time

            data = yaml.safe_load(text)
        else:
            data = json.loads(strip_jsonc(text))
    except Exception as exc:  # yaml.YAMLError, json.JSONDecodeError
        raise MigrationError(f"{path}: not valid {'YAML' if path.suffix in ('.yaml', '.yml') else 'JSON'}: {exc}") from None
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise MigrationError(f"{path}: a markdownlint configuration is an object of rules")
    return data


def cli2_settings(path: Path) -> dict[str, Any]:
    """The markdownlint-cli2 keys outside `config` (`ignores`, `gitignore`, ...)."""
    if not path.name.startswith(".markdownlint-cli2"):
        return {}
    return {k: v for k, v in _load(path).items() if k != "config"}


def effective(config: dict[str, Any]) -> tuple[dict[str, bool], dict[str, Any], list[str]]:
    """Per markdownlint rule: on or off, its value (options or severity), and
    the keys markdownlint would not know."""
    default = config.get("default", True)
    enabled = {code: bool(default) for code in RULES if code not in ("MD002", "MD006")}
    values: dict[str, Any] = {}
    unknown = []
    for key, value in config.items():
        if key in ("default", "extends", "$schema"):
            continue
        codes = markdownlint_codes(key)
        if codes is None:
            unknown.append(key)
            continue
        on = bool(value) and not (isinstance(value, dict) and value.get("enabled") is False)
        for code in codes:
            enabled[code] = on
            values[code] = value
    return enabled, values, unknown


def migrate(path: Path) -> Migration:
    config = read(path)
    enabled, values, unknown = effective(config)
    m = Migration(source=path)
    m.report.append(f"From {path.name} (markdownlint):")
    ignore: list[str] = []
    extend_select: list[str] = []
    for md, code in EQUIVALENT.items():
        rule = get_rule(code)
        assert rule is not None, f"{code} is a built-in rule"
        value = values.get(md)
        if not enabled.get(md, False):
            if rule.default_enabled:
                ignore.append(code)
            m.report.append(f"  {label(md):<34} off -> ignore {code} {rule.name}")
            continue
        if not rule.default_enabled:
            extend_select.append(code)
        options, notes = _options(md, value if isinstance(value, dict) else {}, m)
        severity = value.get("severity") if isinstance(value, dict) else value
        if severity == "warning":
            options["severity"] = "warning"
        if options:
            m.rules[rule.name] = {**m.rules.get(rule.name, {}), **options}
            m.origins[rule.name] = label(md)
        shown = ", ".join(f"{k} = {json.dumps(v, ensure_ascii=False)}" for k, v in options.items())
        m.report.append(f"  {label(md):<34} -> {code} {rule.name}" + (f" ({shown})" if shown else ""))
        m.report.extend(f"      {note}" for note in notes)
    if ignore:
        m.top["ignore"] = ignore
    if extend_select:
        m.top["extend-select"] = extend_select
    configured = [md for md in values if md not in EQUIVALENT and enabled.get(md)]
    if configured:
        m.report.append("  no equivalent (configured): " + ", ".join(label(md) for md in sorted(configured)))
    others = [md for md, on in enabled.items() if on and md not in EQUIVALENT and md not in values]
    if others:
        m.report.append(f"  no equivalent: {len(others)} other markdownlint rules that are on "
                        f"({', '.join(sorted(others)[:6])}{', ...' if len(others) > 6 else ''})")
    if unknown:
        m.report.append("  not markdownlint rules, skipped: " + ", ".join(f"`{k}`" for k in unknown))
    _cli2(path, m)
    return m


def _title_key(md: str, pattern: Any, m: Migration, notes: list[str]) -> None:
    if not isinstance(pattern, str) or pattern == _DEFAULT_TITLE_PATTERN:
        return
    if pattern == "":
        key = ""
    else:
        match = _TITLE_KEY.fullmatch(pattern)
        if match is None:
            notes.append(f"front_matter_title `{pattern}`: no equivalent (contentlint reads the title from one key, `title-key`)")
            return
        key = match.group(1)
    if m.top.get("title-key", key) != key:
        notes.append(f"front_matter_title: `title-key` is already `{m.top['title-key']}` from another rule")
        return
    if key != "title":
        m.top["title-key"] = key
        notes.append(f"front_matter_title -> title-key = {json.dumps(key)} (for every heading rule)")


def _options(md: str, value: dict[str, Any], m: Migration) -> tuple[dict[str, Any], list[str]]:
    options: dict[str, Any] = {}
    notes: list[str] = []
    for name, option in value.items():
        if name in ("enabled", "severity"):
            continue
        if name == "front_matter_title" and md in ("MD001", "MD025", "MD041"):
            _title_key(md, option, m, notes)
        elif name == "punctuation" and md in ("MD026", "MD036") and isinstance(option, str):
            options["punctuation"] = option
        elif name in ("siblings_only", "allow_different_nesting") and md == "MD024":
            options["siblings-only"] = bool(option)
        elif name == "level" and md in ("MD025", "MD041") and isinstance(option, int):
            options["level"] = option
        elif name == "style" and md == "MD003" and option in ("consistent", "atx", "setext", "atx_closed"):
            options["style"] = "atx" if option == "atx_closed" else option
            if option == "atx_closed":
                notes.append("style atx_closed -> atx (closing hashes are not checked)")
        elif name == "allow_preamble" and md == "MD041":
            notes.append("allow_preamble: HD008 judges the first heading's level wherever it is")
        else:
            notes.append(f"option {name} = {json.dumps(option, ensure_ascii=False)}: no equivalent")
    if md == "MD024" and "siblings-only" not in options:
        notes.append("markdownlint compares every heading by default; HD005 keeps its default "
                     "siblings-only = true (set it to false to match)")
    return options, notes


def _cli2(path: Path, m: Migration) -> None:
    settings = cli2_settings(path)
    ignores = settings.pop("ignores", None)
    if isinstance(ignores, list) and all(isinstance(g, str) for g in ignores) and ignores:
        m.top["extend-exclude"] = list(ignores)
        m.report.append(f"  ignores -> extend-exclude = {json.dumps(ignores, ensure_ascii=False)}")
    settings.pop("$schema", None)
    if settings:
        m.report.append("  markdownlint-cli2 settings with no equivalent: " + ", ".join(f"`{k}`" for k in settings))
