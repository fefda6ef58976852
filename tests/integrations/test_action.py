"""action.yml, the composite GitHub Action: valid metadata (SchemaStore's
schema, tests/data/github-action.schema.json), and its steps run here as the
runner would run them: each `run:` script in bash with the variables GitHub
sets (GITHUB_ACTION_PATH, GITHUB_OUTPUT, RUNNER_TEMP, GITHUB_WORKSPACE...),
`${{ }}` expressions and `if:` conditions evaluated by a small evaluator that
refuses anything it does not know. The `uses:` steps are GitHub's own actions:
setup-python is stood in for by this interpreter, and what upload-sarif would
receive is checked instead (a SARIF file valid against the SARIF schema)."""
from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT / "tests" / "data"
ACTION = yaml.safe_load((ROOT / "action.yml").read_text(encoding="utf-8"))
PACKAGE_FILES = ["pyproject.toml", "README.md", "src", "schemas"]
EXPR = re.compile(r"\$\{\{\s*(.*?)\s*\}\}")


def test_action_metadata_is_valid_against_the_schema():
    schema = json.loads((DATA / "github-action.schema.json").read_text(encoding="utf-8"))
    jsonschema.Draft7Validator.check_schema(schema)
    errors = [e.message for e in jsonschema.Draft7Validator(schema).iter_errors(ACTION)]
    assert not errors
    assert ACTION["runs"]["using"] == "composite"


def test_the_schema_check_can_fail():
    schema = json.loads((DATA / "github-action.schema.json").read_text(encoding="utf-8"))
    broken = json.loads(json.dumps(ACTION))
    broken["runs"]["steps"][1].pop("shell")  # a composite `run:` step must name its shell
    assert not jsonschema.Draft7Validator(schema).is_valid(broken)


def test_scripts_take_inputs_from_env_never_pasted_in():
    for step in ACTION["runs"]["steps"]:
        assert not EXPR.search(step.get("run", "")), step["run"]


class Runner:
    """Runs the action's steps the way a GitHub runner does, locally."""

    def __init__(self, action_path: Path, workspace: Path, temp: Path, inputs: dict[str, str]):
        self.inputs = {name: spec.get("default", "") for name, spec in ACTION.get("inputs", {}).items()}
        unknown = set(inputs) - set(self.inputs)
        assert not unknown, f"the action has no input {unknown}"
        self.inputs.update(inputs)
        self.action_path, self.workspace, self.temp = action_path, workspace, temp
        self.steps: dict[str, dict] = {}  # id -> {"outputs": {...}, "outcome": ...}
        self.log: list[tuple[str, subprocess.CompletedProcess]] = []
        self.uses: list[tuple[str, dict]] = []
        self.failed = False

    # -- expressions ------------------------------------------------------
    def value(self, expr: str) -> str:
        expr = expr.strip()
        m = re.fullmatch(r"inputs\.([\w-]+)", expr)
        if m:
            return self.inputs[m.group(1)]
        m = re.fullmatch(r"steps\.([\w-]+)\.(outputs\.([\w-]+)|outcome)", expr)
        if m:
            step = self.steps.get(m.group(1), {"outputs": {}, "outcome": ""})
            return step["outputs"].get(m.group(3), "") if m.group(3) else step["outcome"]
        m = re.fullmatch(r"'([^']*)'", expr)
        if m:
            return m.group(1)
        raise AssertionError(f"the test's evaluator does not know `{expr}`")

    def condition(self, expr: str) -> bool:
        parts = [p.strip() for p in expr.split("&&")]
        result = True
        status_function = False
        for part in parts:
            if part in ("always()", "success()", "failure()"):
                status_function = True
                result &= {"always()": True, "success()": not self.failed, "failure()": self.failed}[part]
                continue
            m = re.fullmatch(r"(.+?)\s*(==|!=)\s*(.+)", part)
            assert m, f"the test's evaluator does not know `{part}`"
            equal = self.value(m.group(1)) == self.value(m.group(3))
            result &= equal if m.group(2) == "==" else not equal
        # Without a status function, GitHub adds `success()`.
        return result and (status_function or not self.failed)

    def expand(self, text: str) -> str:
        return EXPR.sub(lambda m: self.value(m.group(1)), text)

    # -- steps ------------------------------------------------------------
    def run(self) -> None:
        for step in ACTION["runs"]["steps"]:
            sid = step.get("id", f"step{len(self.steps)}")
            if not self.condition(step.get("if", "success()")):
                self.steps[sid] = {"outputs": {}, "outcome": "skipped"}
                continue
            if "uses" in step:
                self.steps[sid] = self._uses(step)
            else:
                self.steps[sid] = self._run(step)
            if self.steps[sid]["outcome"] == "failure":
                self.failed = True

    def _uses(self, step: dict) -> dict:
        with_ = {k: self.expand(str(v)) for k, v in step.get("with", {}).items()}
        self.uses.append((step["uses"], with_))
        if step["uses"].startswith("actions/setup-python@"):
            # This interpreter stands in for the one setup-python would install.
            return {"outputs": {"python-path": sys.executable}, "outcome": "success"}
        return {"outputs": {}, "outcome": "success"}

    def _run(self, step: dict) -> dict:
        assert step["shell"] == "bash"
        output = self.temp / f"output-{len(self.log)}"
        output.write_text("", encoding="utf-8")
        env = {k: v for k, v in os.environ.items()
               if k not in ("VIRTUAL_ENV", "PYTHONPATH", "CONTENTLINT_DEBUG") and not k.startswith("GITHUB_")}
        env.update(
            GITHUB_ACTIONS="true", CI="true", GITHUB_ACTION_PATH=str(self.action_path),
            GITHUB_WORKSPACE=str(self.workspace), GITHUB_OUTPUT=str(output), RUNNER_TEMP=str(self.temp),
            GITHUB_ENV=str(self.temp / "env"), GITHUB_PATH=str(self.temp / "path"), NO_COLOR="1",
        )
        env.update({k: self.expand(str(v)) for k, v in step.get("env", {}).items()})
        # bash as the runner calls it for `shell: bash`.
        proc = subprocess.run(["bash", "--noprofile", "--norc", "-eo", "pipefail", "-c", step["run"]],
                              cwd=self.workspace, env=env, capture_output=True, text=True, timeout=900)
        self.log.append((step.get("id", ""), proc))
        outputs = dict(line.split("=", 1) for line in output.read_text(encoding="utf-8").splitlines() if "=" in line)
        return {"outputs": outputs, "outcome": "success" if proc.returncode == 0 else "failure"}

    def stdout(self, sid: str) -> str:
        return "".join(p.stdout for i, p in self.log if i == sid)

    def text(self) -> str:
        return "\n".join(f"[{i}] rc={p.returncode}\n{p.stdout}\n{p.stderr}" for i, p in self.log)


@pytest.fixture(scope="module")
def action_path(tmp_path_factory) -> Path:
    """The repository as `uses: OWNER/contentlint@ref` checks it out."""
    target = tmp_path_factory.mktemp("action") / "contentlint"
    target.mkdir()
    shutil.copy2(ROOT / "action.yml", target / "action.yml")
    for name in PACKAGE_FILES:
        src = ROOT / name
        if src.is_dir():
            shutil.copytree(src, target / name, ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
        else:
            shutil.copy2(src, target / name)
    return target


@pytest.fixture
def workspace(tmp_path) -> Path:
    site = tmp_path / "workspace"
    shutil.copytree(ROOT / "examples", site)
    return site


def _outputs(runner: Runner) -> dict:
    return {name: runner.expand(spec["value"]) for name, spec in ACTION["outputs"].items()}


def test_defaults_annotate_the_examples_and_fail_the_step(action_path, workspace, tmp_path):
    runner = Runner(action_path, workspace, tmp_path, {})
    runner.run()
    assert runner.steps["install"]["outcome"] == "success", runner.text()
    assert "contentlint, version" in runner.stdout("install")
    annotations = runner.stdout("check")
    assert "::error file=src/content/blog/seed-post.md,line=12," in annotations, runner.text()
    assert "TX001" in annotations
    assert _outputs(runner)["exit-code"] == "1"
    assert runner.failed, "findings fail the action, as `contentlint check` fails the step"
    assert runner.steps["sarif"]["outcome"] == "skipped"
    assert not any(uses.startswith("github/codeql-action/upload-sarif") for uses, _ in runner.uses)
    assert not (workspace / "contentlint.sarif").exists()


def test_sarif_true_writes_valid_sarif_and_uploads_it(action_path, workspace, tmp_path):
    runner = Runner(action_path, workspace, tmp_path, {"sarif": "true", "python-version": ""})
    runner.run()
    assert runner.steps["python"]["outcome"] == "skipped"  # the runner's python3
    assert runner.steps["sarif"]["outcome"] == "success", runner.text()
    uploads = [with_ for uses, with_ in runner.uses if uses.startswith("github/codeql-action/upload-sarif@")]
    assert uploads == [{"sarif_file": "contentlint.sarif", "category": "contentlint"}]
    report = json.loads((workspace / "contentlint.sarif").read_text(encoding="utf-8"))
    schema = json.loads((DATA / "sarif-schema-2.1.0.json").read_text(encoding="utf-8"))
    jsonschema.validate(report, schema)
    assert any(r["ruleId"] == "TX001" for r in report["runs"][0]["results"])
    assert _outputs(runner) == {"exit-code": "1", "sarif-file": "contentlint.sarif"}
    assert runner.failed


def test_paths_and_args_reach_the_check(action_path, workspace, tmp_path):
    inputs = {"paths": "src/content/blog/seed-post.md\nsrc/content/blog/first-post.md", "args": "--select HD003"}
    runner = Runner(action_path, workspace, tmp_path, inputs)
    runner.run()
    checked = runner.stdout("check")
    assert "::error file=src/content/blog/seed-post.md,line=9,col=4," in checked, runner.text()
    assert set(re.findall(r"title=(\w+)", checked)) == {"HD003"}
    assert "release-notes.md" not in checked and "cafe-reviews.md" not in checked
    assert _outputs(runner)["exit-code"] == "1" and runner.failed


def test_a_glob_in_paths_is_not_expanded_by_the_shell(action_path, workspace, tmp_path):
    runner = Runner(action_path, workspace, tmp_path, {"paths": "src/content/blog/*.md"})
    runner.run()
    # contentlint is handed the literal pattern, which names no file: a usage error.
    assert _outputs(runner)["exit-code"] == "2", runner.text()


def test_readme_uses_the_action_at_a_commit_that_has_it_with_real_inputs(tmp_path):
    from pinned_clone import git, git_env, pinned_clone

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    steps = [step for block in re.findall(r"^```yaml\n(.*?)^```", readme, re.S | re.M)
             for job in (yaml.safe_load(block) or {}).get("jobs", {}).values()
             for step in job.get("steps", []) if "/contentlint@" in step.get("uses", "")]
    assert steps, "README.md shows the action"
    for step in steps:
        owner_repo, _, ref = step["uses"].partition("@")
        assert owner_repo == "OWNER/contentlint" and re.fullmatch(r"[0-9a-f]{40}", ref), step["uses"]
        assert set(step.get("with", {})) <= set(ACTION["inputs"])
        env = git_env(tmp_path)
        clone, _ = pinned_clone(tmp_path, env)
        try:
            pinned = yaml.safe_load(git(clone, "show", f"{ref}:action.yml", env=env))
        except subprocess.CalledProcessError:
            if (ROOT / ".git").exists() and git(ROOT, "rev-parse", "--is-shallow-repository") == "false":
                pytest.fail(f"the README's action ref {ref} is not a commit of this repository with action.yml")
            pytest.skip("a shallow clone or an unpacked sdist has no history to find the pinned commit in")
        assert set(step.get("with", {})) <= set(pinned["inputs"])
