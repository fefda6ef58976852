from __future__ import annotations

import json
from typing import TextIO

from ..violations import RunResult


def report(result: RunResult, stream: TextIO, options: dict) -> None:
    json.dump(result.to_json(), stream, indent=2, ensure_ascii=False, allow_nan=False)
    stream.write("\n")
