"""The TOML parser of this Python: the standard library's tomllib (3.11 and
later) or its backport tomli (3.10), under one name for every reader of TOML
(configuration, frontmatter, framework configs, `init`). A leaf. Import it
where TOML is read: on 3.11 loading tomllib costs a few milliseconds that a
run without any TOML to read need not pay."""
from __future__ import annotations

import sys

if sys.version_info >= (3, 11):
    from tomllib import TOMLDecodeError, load, loads
else:  # pragma: no cover - exercised on Python 3.10 only
    from tomli import TOMLDecodeError, load, loads

__all__ = ["TOMLDecodeError", "load", "loads"]
