"""The ``format`` checks frontmatter schemas get: date, date-time, uri,
uri-reference, email and regex, written here so that no optional
jsonschema extra (rfc3339-validator, rfc3987) decides silently whether a
format is checked at all. Other formats stay annotations, as the spec allows."""
from __future__ import annotations

import datetime
import re
from functools import lru_cache
from typing import TYPE_CHECKING, Optional
from ..patterns import lazy_regex

if TYPE_CHECKING:
    import jsonschema


_DATE = lazy_regex(r"(\d{4})-(\d\d)-(\d\d)\Z")
# RFC 3339 §5.6: "T" (either case) and a mandatory offset.
_DATE_TIME = lazy_regex(r"(\d{4}-\d\d-\d\d)[Tt](\d\d):(\d\d):(\d\d)(?:\.\d+)?(?:[Zz]|[+-](\d\d):(\d\d))\Z")
# What Astro's date coercion accepts besides RFC 3339: a date alone, a space
# separator, no seconds, no offset.
_LOOSE_DATE_TIME = lazy_regex(
    r"(\d{4}-\d\d-\d\d)(?:[Tt ](\d\d):(\d\d)(?::(\d\d)(?:\.\d+)?)?(?:[Zz]|[+-](\d\d):?(\d\d))?)?\Z"
)
# RFC 3986 characters; a percent sign must start an escape.
_URI_CHARS = lazy_regex(r"(?:[A-Za-z0-9\-._~:/?#\[\]@!$&'()*+,;=]|%[0-9A-Fa-f]{2})*\Z")
_SCHEME = lazy_regex(r"[A-Za-z][A-Za-z0-9+.\-]*:")
_EMAIL = lazy_regex(r"[^@\s]+@[^@\s]+\Z")


def is_date(value: object) -> bool:
    if not isinstance(value, str):
        return True
    m = _DATE.match(value)
    return m is not None and _real_date(m.group(0))


def is_date_time(value: object) -> bool:
    if not isinstance(value, str):
        return True
    m = _DATE_TIME.match(value)
    return m is not None and _real_date(m.group(1)) and _real_time(m.group(2), m.group(3), m.group(4), m.group(5), m.group(6))


def is_loose_date_time(value: object) -> bool:
    if not isinstance(value, str):
        return True
    m = _LOOSE_DATE_TIME.match(value)
    if m is None or not _real_date(m.group(1)):
        return False
    return m.group(2) is None or _real_time(m.group(2), m.group(3), m.group(4) or "00", m.group(5), m.group(6))


def is_uri(value: object) -> bool:
    if not isinstance(value, str):
        return True
    return _SCHEME.match(value) is not None and _URI_CHARS.match(value) is not None


def is_uri_reference(value: object) -> bool:
    if not isinstance(value, str):
        return True
    return _URI_CHARS.match(value) is not None


def is_email(value: object) -> bool:
    return not isinstance(value, str) or _EMAIL.match(value) is not None


def is_regex(value: object) -> bool:
    if not isinstance(value, str):
        return True
    try:
        re.compile(value)
    except (re.error, RecursionError, OverflowError):
        return False
    return True


def _real_date(text: str) -> bool:
    try:
        datetime.date.fromisoformat(text)
    except ValueError:
        return False
    return True


def _real_time(hour: str, minute: str, second: str, off_hour: Optional[str], off_minute: Optional[str]) -> bool:
    # A leap second (60) is valid RFC 3339.
    if not (int(hour) < 24 and int(minute) < 60 and int(second) <= 60):
        return False
    return off_hour is None or (int(off_hour) < 24 and int(off_minute or 0) < 60)


@lru_cache(maxsize=2)
def format_checker(lenient_dates: bool = False) -> "jsonschema.FormatChecker":
    import jsonschema  # only when a schema is compiled: start-up stays small

    checker = jsonschema.FormatChecker(formats=())
    checks = {
        "date": is_date,
        "date-time": is_loose_date_time if lenient_dates else is_date_time,
        "uri": is_uri,
        "uri-reference": is_uri_reference,
        "email": is_email,
        "regex": is_regex,
    }
    for name, func in checks.items():
        checker.checks(name)(func)
    return checker
