"""The Python API: contentlint.lint_paths / lint_text."""
from __future__ import annotations

import dataclasses
import json
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner

import contentlint
from contentlint.cli.main import main

ROOT = Path(__file__).resolve().parents[2]
BAD = "---\ntitle: Bad\n---\n\nIntro.\n\n## **Key Points**\n\nCafÃ© au lait.\n"
FIXED = "---\ntitle: Bad\n---\n\nIntro.\n\n## Key Points\n\nCafé au lait.\n"


@pytest.fixture
def site(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "content").mkdir()
    (tmp_path / "content" / "bad.md").write_text(BAD, encoding="utf-8")
    (tmp_path / "contentlint.toml").write_text('select = ["HD003", "TX001"]\n', encoding="utf-8")
    return tmp_path


def _modules_after(code: str) -> set[str]:
    probe = code + "\nimport sys, json\nprint(json.dumps(sorted(sys.modules)))"
    proc = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    return set(json.loads(proc.stdout.strip().splitlines()[-1]))


def test_import_contentlint_loads_nothing_heavy():
    loaded = _modules_after("import contentlint; contentlint.__version__")
    assert [m for m in loaded if m.startswith("contentlint.")] == []
    assert not loaded & {"click", "yaml", "jsonschema", "rich", "markdown_it", "ftfy", "pathspec"}


def test_version_command_does_not_load_the_engine():
    loaded = _modules_after(
        "from contentlint.cli.main import main\n"
        "try:\n    main(['--version'])\nexcept SystemExit:\n    pass"
    )
    assert not loaded & {"contentlint.api", "contentlint.engine.run", "contentlint.registry", "jsonschema", "rich", "markdown_it"}


def test_lint_paths_returns_what_the_json_format_prints(site):
    result = contentlint.lint_paths(["content"])
    assert isinstance(result, contentlint.RunResult)
    assert [(v.code, v.line) for v in result.violations] == [("HD003", 7), ("TX001", 9)]
    cli = CliRunner().invoke(main, ["check", "--format", "json", "content"])
    assert json.loads(cli.output) == result.to_json()
    assert json.loads(json.dumps(result.to_json())) == result.to_json()
    assert dataclasses.is_dataclass(result) and dataclasses.is_dataclass(result.violations[0])
    assert dataclasses.asdict(result.violations[0])["fix"]["title"] == "Remove the `**` around the heading"


def test_lint_paths_accepts_one_path_and_path_objects(site):
    assert [v.code for v in contentlint.lint_paths("content/bad.md").violations] == ["HD003", "TX001"]
    assert len(contentlint.lint_paths([site / "content"]).violations) == 2


def test_lint_paths_fix_writes_the_files(site):
    result = contentlint.lint_paths(["content"], fix=True)
    assert result.fixes_applied == 2 and result.violations == []
    assert (site / "content" / "bad.md").read_text(encoding="utf-8") == FIXED


def test_config_as_mapping_file_or_none(site):
    only_text = contentlint.lint_paths(["content"], config={"select": ["TX"]})
    assert [v.code for v in only_text.violations] == ["TX001"]
    other = site / "other.toml"
    other.write_text('select = ["HD003"]\n', encoding="utf-8")
    assert [v.code for v in contentlint.lint_paths(["content"], config=other).violations] == ["HD003"]
    assert [v.code for v in contentlint.lint_paths(["content"], config=str(other)).violations] == ["HD003"]


def test_bad_config_and_paths_raise(site):
    with pytest.raises(contentlint.ConfigError, match="unknown key `selekt`"):
        contentlint.lint_text("x\n", config={"selekt": ["HD"]})
    with pytest.raises(contentlint.ConfigError, match="not a rule code"):
        contentlint.lint_text("x\n", config={"select": ["NOPE"]})
    with pytest.raises(contentlint.DiscoveryError, match="no such file"):
        contentlint.lint_paths(["missing"])


def test_lint_text_checks_memory_only(site):
    result = contentlint.lint_text(BAD, path="content/new.md")
    assert [(v.path, v.code) for v in result.violations] == [("content/new.md", "HD003"), ("content/new.md", "TX001")]
    assert not (site / "content" / "new.md").exists()
    assert contentlint.lint_text(BAD.encode("utf-8")).violations[0].path == "stdin.md"


def test_lint_text_path_selects_per_file_ignores(site):
    (site / "contentlint.toml").write_text(
        'select = ["HD003", "TX001"]\n[per-file-ignores]\n"legacy/**" = ["HD"]\n', encoding="utf-8"
    )
    assert [v.code for v in contentlint.lint_text(BAD, path="legacy/old.md").violations] == ["TX001"]
    assert [v.code for v in contentlint.lint_text(BAD, path="posts/new.md").violations] == ["HD003", "TX001"]


def test_public_names_are_listed_and_typed():
    assert {"lint_paths", "lint_text", "RunResult", "Violation"} <= set(contentlint.__all__) <= set(dir(contentlint))
    with pytest.raises(AttributeError):
        contentlint.no_such_name  # noqa: B018
    for fn in (contentlint.lint_paths, contentlint.lint_text):
        assert fn.__annotations__["return"] in ("RunResult", contentlint.RunResult)
    assert (ROOT / "src" / "contentlint" / "py.typed").is_file()


def test_wheel_ships_py_typed(tmp_path):
    from hatchling.builders.wheel import WheelBuilder

    out = tmp_path / "dist"
    wheel = next(iter(WheelBuilder(str(ROOT)).build(directory=str(out), versions=["standard"])))
    names = zipfile.ZipFile(wheel).namelist()
    assert "contentlint/py.typed" in names and "contentlint/api.py" in names
