"""docs/configuration.md, generated from the declarations that validation uses.

Keys, types and defaults come from the code: ``config.loader._schema()`` (the JSON
Schema a configuration file is validated against), the ``Config`` defaults,
the family settings registered with ``register_setting``, the ``[links]``
defaults and each rule's ``Option`` declarations. Only the prose and the
examples are written here; every example must load under strict validation
(tests/integrations/test_config_docs.py), so neither can drift from the code.

``python -m contentlint.cli.config_docs > docs/configuration.md`` rewrites it.
"""
from __future__ import annotations

import dataclasses
import json
from typing import Any

UNDOCUMENTED = "(not documented yet)"

# key -> (what it does, an example that loads under strict validation)
TOP_LEVEL: dict[str, tuple[str, str]] = {
    "extends": ("Another TOML file (relative to this one) whose settings apply first; this file's keys "
                "override them. For a configuration shared by several sites.", 'extends = "../shared/contentlint.toml"'),
    "include": ("Gitignore-style globs of the files to check when walking folders. Files named on the "
                "command line are always checked.", 'include = ["*.md", "*.mdx"]'),
    "exclude": ("Gitignore-style globs skipped when walking folders; replaces the default list. "
                "Applies to files named on the command line only with `--force-exclude`.", 'exclude = ["drafts/"]'),
    "extend-exclude": ("Globs added to `exclude` (keeps the defaults).", 'extend-exclude = ["archive/**"]'),
    "respect-gitignore": ("Skip what the `.gitignore` files of the project ignore.", "respect-gitignore = false"),
    "select": ("Rules to enable: codes (`HD003`), family prefixes (`HD`) or names (`heading-emphasis`). "
               "A prefix also enables that family's rules that are off by default. None: every rule "
               "enabled by default.", 'select = ["FM", "TX", "LK", "HD"]'),
    "extend-select": ("Rules enabled on top of `select`.", 'extend-select = ["HD011"]'),
    "ignore": ("Rules to disable; the most specific selector wins over `select`.", 'ignore = ["TX004"]'),
    "per-file-ignores": ("Glob (relative to the project root) → rules disabled for matching files.",
                         '[per-file-ignores]\n"src/content/legacy/**" = ["HD"]'),
    "max-file-size": ("Bytes; a larger file is reported (CL903) and not read.", "max-file-size = 1048576"),
    "rules": ("Per-rule tables, by code or name: `severity` and the rule's options (see below).",
              '[rules.heading-emphasis]\nseverity = "warning"'),
    "schemas": ("Glob → JSON Schema for the frontmatter of matching files: a path relative to the "
                "project root, an `https:` URL or `builtin:NAME` (`contentlint schema list`).",
                '[schemas]\n"src/content/blog/**" = "builtin:astro-blog"'),
    "require-frontmatter": ("Globs of files that must have frontmatter (FM001 otherwise).",
                            'require-frontmatter = ["src/content/**"]'),
    "remote-schemas": ("When `http(s):` schemas and `$ref`s may be fetched: `network` (only in runs with "
                       "`--network`), `always`, or `never`.", 'remote-schemas = "always"'),
    "title-key": ("The frontmatter key the layout renders as the page's h1 (read by HD001, HD002, HD008, "
                  "HD011, HD012).", 'title-key = "heading"'),
    "title-fallback": ("The layout shows the frontmatter title only when the body has no h1 (Docusaurus, "
                       "MkDocs); `contentlint init` sets it.", "title-fallback = true"),
    "links": ("Settings shared by the LK rules and the URL checker (the `[links]` table below).",
              '[links]\nstatic-folders = ["public"]'),
    "network": ("Also check that URLs answer, as `--network` does.", "network = true"),
    "site": ("The site model the ST rules judge links, anchors, routes and redirects by: `framework` "
             "(`auto` detects it as `init` does; `none` turns the site phase off), `root` (the folder with the "
             "framework config, relative to the project root), `base`, `default-locale`, `domains` (the "
             "site's own URLs), `translations` (`mirror`: every locale mirrors the default one, as in "
             "Starlight; `independent`), `snapshot` (the routes file `contentlint site routes --snapshot` "
             "wrote, for ST006) and `[site.redirects]` (old route = new route).",
             '[site]\nframework = "jekyll"\nsnapshot = "routes.jsonl"\n\n[site.redirects]\n'
             '"/en/old-page/" = "/en/new-page/"'),
}

LINKS: dict[str, tuple[str, str]] = {
    "fields": ("Frontmatter keys (dotted for nested ones) that hold an image path or URL; replaces the "
               "default list.", 'fields = ["hero", "cover"]'),
    "extend-fields": ("Keys added to `fields`.", 'extend-fields = ["seo.card"]'),
    "body-images": ("Check images in the Markdown body too.", "body-images = false"),
    "body-links": ("Check links in the body with `--network` (not only images).", "body-links = true"),
    "static-folders": ("Folders (relative to the project root) where a root-relative path such as "
                       "`/images/x.png` is looked up (LK003).", 'static-folders = ["public", "assets"]'),
    "allow-hosts": ("Hosts the network check may request even if they resolve to a private address "
                    "(names, `*.corp.example`, or IP literals).", 'allow-hosts = ["cdn.example.com"]'),
    "allow-private": ("Private address ranges that may be requested.", 'allow-private = ["10.20.0.0/16"]'),
    "allow-data": ("Allow `data:` URLs for images.", "allow-data = true"),
    "concurrency": ("Requests in flight overall.", "concurrency = 16"),
    "per-host": ("Requests in flight per host.", "per-host = 2"),
    "connect-timeout": ("Seconds to open a connection.", "connect-timeout = 3"),
    "timeout": ("Seconds per request, connection included.", "timeout = 20"),
    "url-deadline": ("Seconds (or `90s`, `5m`) per URL in all: DNS, every attempt, redirect and wait.",
                     'url-deadline = "30s"'),
    "network-deadline": ("The whole network phase (seconds, or `90s`, `5m`, `1h`); URLs not done by then "
                         "are reported.", 'network-deadline = "10m"'),
    "retries": ("Retries on timeouts, 429 and 5xx, while `url-deadline` allows.", "retries = 0"),
    "retry-backoff": ("Base of the exponential backoff between retries (seconds, plus jitter).",
                      "retry-backoff = 1.5"),
    "max-retry-after": ("A longer `Retry-After` is reported, not waited for (seconds).", "max-retry-after = 30"),
    "max-redirects": ("Redirects followed per URL.", "max-redirects = 3"),
    "cache-max-age": ("How long a reachable URL's result is reused (seconds, or `30m`, `12h`, `1d`).",
                      'cache-max-age = "7d"'),
    "cache-failure-max-age": ("How long a failed URL's result is reused.", 'cache-failure-max-age = "10m"'),
    "user-agent": ("The `User-Agent` header of every request.", 'user-agent = "docs-bot/1.0"'),
    "headers": ("Host → {header name → environment variable holding its value}, for authenticated hosts "
                "(values are never printed).", '[links.headers."images.example.com"]\nAuthorization = "IMAGES_AUTH"'),
}


def toml_value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return repr(value)
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(toml_value(v) for v in value) + "]"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{json.dumps(k)} = {toml_value(v)}" for k, v in value.items()) + "}"
    raise TypeError(f"no TOML form for {value!r}")


def type_of(schema: dict[str, Any]) -> str:
    """A JSON Schema fragment, said in words."""
    if "enum" in schema:
        return "one of " + ", ".join(f"`{toml_value(v)}`" for v in schema["enum"])
    if "const" in schema:
        return f"`{toml_value(schema['const'])}`"
    if "anyOf" in schema:
        return " or ".join(type_of(s) for s in schema["anyOf"])
    kind = schema.get("type")
    if kind == "array":
        return f"list of {_plural(type_of(schema.get('items', {})))}"
    if kind == "object":
        if "additionalProperties" in schema and isinstance(schema["additionalProperties"], dict):
            return f"table of {_plural(type_of(schema['additionalProperties']))}"
        return "table"
    words = {"boolean": "boolean", "integer": "integer", "number": "number", "string": "string"}.get(str(kind), "value")
    if kind == "string" and "pattern" in schema:
        words = "duration string" if "smhd" in schema["pattern"] else "string (checked against a pattern)"
    bounds = []
    for key, sign in (("minimum", "≥"), ("exclusiveMinimum", ">"), ("maximum", "≤")):
        if key in schema:
            bounds.append(f"{sign} {schema[key]}")
    return words + (f" ({', '.join(bounds)})" if bounds else "")


def _plural(words: str) -> str:
    head, _, rest = words.partition(" ")
    if head in ("string", "boolean", "integer", "number", "table", "list", "value"):
        return head + "s" + (" " + rest if rest else "")
    return words


def _core_defaults() -> dict[str, Any]:
    from ..config.loader import Config

    config = Config()
    defaults: dict[str, Any] = {"extends": None, "extend-exclude": [], "rules": {}}
    for key in ("include", "exclude", "respect-gitignore", "select", "extend-select", "ignore",
                "per-file-ignores", "max-file-size"):
        defaults[key] = getattr(config, key.replace("-", "_"))
    return defaults


def _link_defaults() -> dict[str, Any]:
    from ..net.settings import LinkSettings

    defaults = {f.name.replace("_", "-"): _field_default(f) for f in dataclasses.fields(LinkSettings)}
    defaults["extend-fields"] = []
    return defaults


def _field_default(f: dataclasses.Field[Any]) -> Any:
    if f.default is not dataclasses.MISSING:
        return f.default
    assert f.default_factory is not dataclasses.MISSING, f"{f.name} has a default"
    return f.default_factory()


def _default_text(value: Any) -> str:
    from .. import __version__

    if value is None:
        return "none"
    if isinstance(value, str) and __version__ in value:
        return f"`{toml_value(value.replace(__version__, '<version>'))}`"  # the page outlives a release
    return f"`{toml_value(value)}`"


def _entry(key: str, schema: dict[str, Any], default: Any, described: dict[str, tuple[str, str]], heading: str,
           table: str = "") -> list[str]:
    text, example = described.get(key, (schema.get("description", UNDOCUMENTED), ""))
    if example and table and not example.startswith(f"[{table}."):
        example = f"[{table}]\n{example}"
    lines = [f"{heading} `{key}`", "", f"Type: {type_of(schema)} · default: {_default_text(default)}", "", text, ""]
    if example:
        lines += ["```toml", example, "```", ""]
    return lines


def configuration_markdown() -> str:
    from .. import rules  # noqa: F401 - registers the rules and their family settings
    from ..config.catalogue import all_rules
    from ..config.loader import CONFIG_FILES, _schema
    from ..registry import extra_settings

    schema = _schema()["properties"]
    core = _core_defaults()
    out = [
        "# Configuration reference",
        "",
        "Generated from the code by `python -m contentlint.cli.config_docs > docs/configuration.md`; "
        "a test fails when it is stale.",
        "",
        f"contentlint reads the first of {', '.join(f'`{n}`' for n in CONFIG_FILES[:2])} or a "
        "`[tool.contentlint]` table in `pyproject.toml` found walking up from each file's folder "
        "(`--config FILE` names one, `--isolated` ignores them). Every key below is checked strictly: "
        "an unknown key or a bad value stops the run with exit code 2, naming the file and the key.",
        "",
        "## Top-level keys",
        "",
    ]
    # Family settings register as their modules are imported: sorted, so the
    # page does not depend on import order.
    extra = extra_settings()
    keys = [k for k in schema if k not in extra] + sorted(extra)
    for key in keys:
        if key in ("links", "rules"):
            continue
        entry = schema[key]
        default = core[key] if key in core else extra[key][1] if key in extra else None
        out += _entry(key, entry, default, TOP_LEVEL, "###")

    out += ["## `[links]`", "", TOP_LEVEL["links"][0], ""]
    link_defaults = _link_defaults()
    for key, entry in schema["links"]["properties"].items():
        out += _entry(key, entry, link_defaults.get(key), LINKS, "###", table="links")

    out += ["## `[rules.CODE]`", "", TOP_LEVEL["rules"][0] + " Every rule takes "
            '`severity = "error"` or `"warning"`; the rules with options:', ""]
    for rule in all_rules():
        if not rule.options:
            continue
        out += [f"### {rule.code} `{rule.name}`", "", f"{rule.summary}. Default severity: {rule.severity.value}.", "",
                "| option | type | default | meaning |", "|---|---|---|---|"]
        example = [f"[rules.{rule.name}]"]
        for option in rule.options:
            out.append(f"| `{option.name}` | {type_of(option.json_schema())} | `{toml_value(option.default)}` "
                       f"| {option.help} |")
            example.append(f"{option.name} = {toml_value(option.default)}")
        out += ["", "```toml", *example, "```", ""]
    return "\n".join(out).rstrip("\n") + "\n"


if __name__ == "__main__":
    import sys

    sys.stdout.write(configuration_markdown())
