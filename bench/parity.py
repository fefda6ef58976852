"""Check the `markdownlint` verdicts of tests/fixtures/parity/parity.toml
against markdownlint itself.

    python bench/parity.py [--peers DIR]

The parity test compares contentlint with the verdicts written in parity.toml;
this script is how those verdicts were checked, and how to check them again
after a markdownlint release. It needs node; markdownlint comes with
markdownlint-cli2, installed from npm into the same throwaway folder as
bench/run's peers. Each file is linted with only its rule enabled and
`markdownlint_options`. Prints one line per case and exits 1 on a mismatch.
"""
from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

if sys.version_info >= (3, 11):
    import tomllib
else:
    import tomli as tomllib

REPO = Path(__file__).resolve().parent.parent
PARITY = REPO / "tests" / "fixtures" / "parity"
VERDICT_JS = """
const { lint } = require("markdownlint/sync");
const { file, rule, options } = JSON.parse(process.argv[1]);
const config = { default: false, [rule]: Object.keys(options).length ? options : true };
const found = lint({ files: [file], config })[file];
console.log(JSON.stringify(found.map((e) => e.lineNumber).sort((a, b) => a - b)));
"""


def markdownlint_folder(peers: Path) -> Path:
    npm = peers / "npm"
    if not (npm / "node_modules" / "markdownlint").is_dir():
        if not shutil.which("npm"):
            sys.exit("npm is needed to install markdownlint")
        subprocess.run(["npm", "install", "--prefix", str(npm), "markdownlint-cli2"], check=True,
                       stdout=subprocess.DEVNULL)
    return npm


def version(npm: Path) -> str:
    meta = json.loads((npm / "node_modules" / "markdownlint" / "package.json").read_text(encoding="utf-8"))
    return meta["version"]


def verdict(npm: Path, case: dict) -> list[int]:
    arg = json.dumps({"file": str(PARITY / case["file"]), "rule": case["markdownlint_rule"],
                      "options": case.get("markdownlint_options", {})})
    out = subprocess.run(["node", "-e", VERDICT_JS, arg], cwd=npm, check=True, capture_output=True, text=True)
    return json.loads(out.stdout)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--peers", type=Path, default=Path(tempfile.gettempdir()) / "contentlint-bench-peers")
    args = parser.parse_args()
    npm = markdownlint_folder(args.peers)
    cases = tomllib.loads((PARITY / "parity.toml").read_text(encoding="utf-8"))["case"]
    print(f"markdownlint {version(npm)}")
    wrong = 0
    for case in cases:
        got = verdict(npm, case)
        ok = got == case["markdownlint"]
        wrong += not ok
        options = case.get("markdownlint_options", "")
        print(f"{'ok ' if ok else 'BAD'} {case['markdownlint_rule']} {case['file']} {options} "
              f"parity.toml {case['markdownlint']}, markdownlint {got}")
    sys.exit(1 if wrong else 0)


if __name__ == "__main__":
    main()
