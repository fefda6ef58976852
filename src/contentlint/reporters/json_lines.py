"""One JSON object per finding per line (the ``--output-format json`` objects),
so a consumer can read findings one at a time."""
from __future__ import annotations

import json
from typing import Any, TextIO

from ..violations import RunResult


def report(result: RunResult, stream: TextIO, options: dict[str, Any]) -> None:
    for v in result.violations:
        stream.write(json.dumps(v.to_json(), ensure_ascii=False, allow_nan=False) + "\n")
