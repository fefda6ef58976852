"""The `[links]` settings table and the top-level `network` switch.

Family-wide settings (which fields hold images, where static files live, how
the network is used) are shared by every LK rule and the URL checker, so they
live in one table rather than in per-rule options.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Mapping, Optional

from ..errors import ConfigError
from ..registry import FamilySettings, register_setting
from .. import __version__
from ..patterns import lazy_regex

LINKS_SETTING = "links"
NETWORK_SETTING = "network"
DEFAULT_FIELDS = (
    "hero", "heroImage", "image", "cover", "coverImage", "ogImage",
    "thumbnail", "banner", "featured_image", "featuredImage",
)
DEFAULT_STATIC = ("public", "static")
_DURATION = lazy_regex(r"^\s*(\d+(?:\.\d+)?)\s*([smhd]?)\s*$")
_UNITS = {"": 1, "s": 1, "m": 60, "h": 3600, "d": 86400}

_str_list = {"type": "array", "items": {"type": "string"}}
_duration = {
    "anyOf": [
        {"type": "number", "minimum": 0},
        {"type": "string", "pattern": r"^\s*\d+(\.\d+)?\s*[smhd]?\s*$"},
    ]
}
_positive = {"type": "number", "exclusiveMinimum": 0}
# A deadline: seconds (> 0) or a duration string with a non-zero digit ("90", "5m").
_deadline = {
    "anyOf": [
        {"type": "number", "exclusiveMinimum": 0},
        {"type": "string", "pattern": r"^\s*(?=[\d.]*[1-9])\d+(\.\d+)?\s*[smhd]?\s*$"},
    ]
}
_OCTET = r"(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)"
# An IPv4 or IPv6 address range ("10.0.0.0/8", "fd00::/8"); the checker parses it again.
_CIDR = (
    rf"^(({_OCTET}\.){{3}}{_OCTET}(/(3[0-2]|[12]?\d))?"
    r"|[0-9A-Fa-f]{0,4}(:[0-9A-Fa-f]{0,4}){2,7}(/(12[0-8]|1[01]\d|[1-9]?\d))?)$"
)

# Relative to the project root and inside it: `/images/x.png` must never be
# looked up under `/`, `..` or another drive.
_SITE_FOLDER = {"type": "string", "minLength": 1,
                "description": "a static folder is a path inside the project root (no leading `/` or `~`, no `..`, no drive)",
                "pattern": r"^(?![/\\~])(?![A-Za-z]:)(?!(.*[/\\])?\.\.([/\\]|$))"}

SCHEMA = {
    "type": "object",
    "additionalProperties": False,
    "properties": {
        "fields": _str_list,
        "extend-fields": _str_list,
        "body-images": {"type": "boolean"},
        "body-links": {"type": "boolean"},
        "static-folders": {"type": "array", "items": _SITE_FOLDER},
        "allow-hosts": _str_list,
        "allow-private": {"type": "array", "items": {"type": "string", "pattern": _CIDR}},
        "allow-data": {"type": "boolean"},
        "concurrency": {"type": "integer", "minimum": 1, "maximum": 1024},
        "per-host": {"type": "integer", "minimum": 1, "maximum": 256},
        "connect-timeout": _positive,
        "timeout": _positive,
        "url-deadline": _deadline,
        "network-deadline": _deadline,
        "retries": {"type": "integer", "minimum": 0, "maximum": 10},
        "retry-backoff": {"type": "number", "minimum": 0},
        "max-retry-after": {"type": "number", "minimum": 0},
        "max-redirects": {"type": "integer", "minimum": 0, "maximum": 30},
        "cache-max-age": _duration,
        "cache-failure-max-age": _duration,
        "user-agent": {"type": "string", "minLength": 1},
        "headers": {
            "type": "object",
            "additionalProperties": {"type": "object", "additionalProperties": {"type": "string"}},
        },
    },
}


def parse_duration(value: Any) -> float:
    if isinstance(value, (int, float)):
        return float(value)
    m = _DURATION.match(str(value))
    if not m:
        raise ConfigError(f"`{value}` is not a duration such as `3600`, `30m`, `12h` or `1d`")
    return float(m.group(1)) * _UNITS[m.group(2)]


@dataclass(frozen=True)
class LinkSettings(FamilySettings):
    """The `[links]` table (``config.family(LinkSettings)``, ``ctx.family(LinkSettings)``)."""

    fields: tuple[str, ...] = DEFAULT_FIELDS
    body_images: bool = True
    body_links: bool = False
    static_folders: tuple[str, ...] = DEFAULT_STATIC
    # Whether `static-folders` was written: a written list wins over the site model's folders (LK003).
    static_folders_set: bool = False
    allow_hosts: tuple[str, ...] = ()
    allow_private: tuple[str, ...] = ()
    allow_data: bool = False
    concurrency: int = 64
    per_host: int = 8
    connect_timeout: float = 5.0
    timeout: float = 10.0  # one request; a timeout is retried only while url_deadline allows
    url_deadline: float = 15.0  # one URL: DNS, every attempt, redirect and wait between retries
    network_deadline: float = 300.0  # the whole network phase; URLs not done by then are reported
    retries: int = 2
    retry_backoff: float = 0.5
    max_retry_after: float = 10.0
    max_redirects: int = 5
    cache_max_age: float = 86400.0
    cache_failure_max_age: float = 3600.0
    user_agent: str = f"contentlint/{__version__}"
    # host -> {header name: environment variable holding its value}
    headers: dict[str, dict[str, str]] = field(default_factory=dict, compare=False, hash=False)

    @classmethod
    def from_settings(cls, settings: Mapping[str, Any]) -> "LinkSettings":
        return cls.from_table(settings.get(LINKS_SETTING))

    @classmethod
    def from_table(cls, table: Optional[Mapping[str, Any]]) -> "LinkSettings":
        table = dict(table or {})
        kwargs: dict[str, Any] = {}
        fields = list(table.pop("fields", DEFAULT_FIELDS)) + list(table.pop("extend-fields", []))
        kwargs["fields"] = tuple(dict.fromkeys(fields))
        kwargs["static_folders_set"] = "static-folders" in table
        for key, value in table.items():
            name = key.replace("-", "_")
            if name in ("cache_max_age", "cache_failure_max_age", "url_deadline", "network_deadline"):
                value = parse_duration(value)
            elif isinstance(value, list):
                value = tuple(value)
            kwargs[name] = value
        return cls(**kwargs)


register_setting(LINKS_SETTING, SCHEMA, {})
register_setting(NETWORK_SETTING, {"type": "boolean"}, False)


def network_on(family_settings: Optional[Mapping[str, Any]], run: Any) -> bool:
    """`--network` or `network = true` in the configuration (URL checks and remote schemas)."""
    return bool(getattr(run, "network", False) or (family_settings or {}).get(NETWORK_SETTING))
