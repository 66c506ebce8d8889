"""Settings reach the run in upstream's order of precedence (issue 11 items 2, 3, 8).

Dedupe from every level against ``--no-dedupe``; bytecode writing while tasks
files load (``--write-pyc``, ``tasks.write_pyc``); env vars for settings whose
default is of any type.
"""

from __future__ import annotations

import os
import subprocess
import sys
from decimal import Decimal
from pathlib import Path
from typing import Dict, List, Optional

import pytest

from invoke import Config
from invoke.exceptions import UncastableEnvVar

INV = Path(sys.executable).with_name("inv")
DEDUPE = Path(__file__).parent / "_support" / "fidelity_config" / "dedupe"


def _inv(args: List[str], cwd: Path, home: Path, env: Optional[Dict[str, str]] = None) -> subprocess.CompletedProcess:
    clean = {key: value for key, value in os.environ.items() if not key.startswith(("INVOKE_", "PYTHON"))}
    clean.update(HOME=str(home), **(env or {}))
    return subprocess.run([str(INV), *args], cwd=str(cwd), env=clean, capture_output=True, text=True, timeout=60)


@pytest.mark.parametrize(
    "file_setting, flags, names, expected",
    [
        (None, [], ["bar", "baz"], "foo bar baz"),
        (None, ["--no-dedupe"], ["bar", "baz"], "foo bar foo baz"),
        ("true", ["--no-dedupe"], ["bar", "baz"], "foo bar foo baz"),
        ("false", [], ["bar", "baz"], "foo bar foo baz"),
        ("false", [], ["p1", "p2"], "p1 post2 p2 post2"),
        ("true", [], ["p1", "p2"], "p1 post2 p2"),  # as upstream: a shared post runs once, after the first
        (None, ["--no-dedupe"], ["answer", "answer"], "42 42"),
        (None, [], ["answer", "answer"], "42"),
    ],
)
def test_dedupe_follows_precedence(
    tmp_path: Path, file_setting: Optional[str], flags: List[str], names: List[str], expected: str
) -> None:
    args = list(flags)
    if file_setting is not None:
        runtime = tmp_path / "runtime.yaml"
        runtime.write_text(f"tasks: {{dedupe: {file_setting}}}\n")
        args = ["-f", str(runtime), *args]
    result = _inv([*args, *names], DEDUPE, tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == expected.split()


def test_dedupe_false_from_an_env_var(tmp_path: Path) -> None:
    result = _inv(["bar", "baz"], DEDUPE, tmp_path, env={"INVOKE_TASKS_DEDUPE": ""})
    assert result.stdout.split() == ["foo", "bar", "foo", "baz"]


@pytest.fixture
def project(tmp_path: Path) -> Path:
    where = tmp_path / "project"
    where.mkdir()
    (where / "helpers.py").write_text("VALUE = 1\n")
    (where / "tasks.py").write_text(
        "import sys\nimport helpers\nfrom invoke import task\n\n"
        "@task\ndef show(c):\n    print(sys.dont_write_bytecode)\n"
    )
    return where


def _bytecode(where: Path) -> List[str]:
    return sorted(path.name.split(".")[0] for path in where.rglob("*.pyc"))


@pytest.mark.parametrize("refuse", [False, True], ids=["default", "PYTHONDONTWRITEBYTECODE"])
def test_without_write_pyc_nothing_lands_next_to_the_tasks_file(project: Path, tmp_path: Path, refuse: bool) -> None:
    env = {"PYTHONDONTWRITEBYTECODE": "1"} if refuse else {}
    result = _inv(["show"], project, tmp_path, env=env)
    assert result.returncode == 0, result.stderr
    assert _bytecode(project) == []


@pytest.mark.parametrize(
    "how",
    ["flag", "runtime file", "user file", "env var"],
)
def test_write_pyc_writes_bytecode_even_when_python_was_told_not_to(project: Path, tmp_path: Path, how: str) -> None:
    home = tmp_path / "home"
    home.mkdir()
    env = {"PYTHONDONTWRITEBYTECODE": "1"}
    args = ["show"]
    if how == "flag":
        args = ["--write-pyc", "show"]
    elif how == "runtime file":
        (tmp_path / "rt.yaml").write_text("tasks: {write_pyc: true}\n")
        args = ["-f", str(tmp_path / "rt.yaml"), "show"]
    elif how == "user file":
        (home / ".invoke.yaml").write_text("tasks: {write_pyc: true}\n")
    else:
        env["INVOKE_TASKS_WRITE_PYC"] = "1"
    result = _inv(args, project, home, env=env)
    assert result.returncode == 0, result.stderr
    assert result.stdout == "False\n"
    assert _bytecode(project) == ["helpers", "tasks"]


class Level:
    """A setting type of the user's own, built from a string."""

    def __init__(self, text: str) -> None:
        if text not in ("low", "high"):
            raise ValueError(text)
        self.text = text

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Level) and other.text == self.text


@pytest.mark.parametrize(
    "default, text, expected",
    [
        (Path("build"), "dist/out", Path("dist/out")),
        (Decimal("1.5"), "2.25", Decimal("2.25")),
        (Level("low"), "high", Level("high")),
        (3, "7", 7),
        (0.5, "2", 2.0),
    ],
)
def test_env_var_is_cast_with_the_default_type(
    monkeypatch: pytest.MonkeyPatch, default: object, text: str, expected: object
) -> None:
    monkeypatch.setenv("INVOKE_SETTING", text)
    config = Config(defaults={"setting": default}, lazy=True)
    config.load_shell_env()
    assert config.setting == expected
    assert type(config.setting) is type(default)


def test_env_var_the_default_type_rejects_is_uncastable(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("INVOKE_SETTING", "medium")
    config = Config(defaults={"setting": Level("low")}, lazy=True)
    with pytest.raises(UncastableEnvVar) as info:
        config.load_shell_env()
    assert str(info.value) == "Can't use INVOKE_SETTING='medium' for setting setting: not a valid Level"


def test_env_var_for_a_path_setting_through_inv(tmp_path: Path) -> None:
    where = tmp_path / "p"
    where.mkdir()
    (where / "tasks.py").write_text(
        "from pathlib import Path\nfrom invoke import Collection, task\n\n"
        "@task\ndef show(c):\n    print(type(c.outdir).__name__, c.outdir)\n\n"
        "ns = Collection(show)\nns.configure({'outdir': Path('build')})\n"
    )
    result = _inv(["show"], where, tmp_path, env={"INVOKE_OUTDIR": "dist"})
    assert result.returncode == 0, result.stderr
    assert result.stdout.split()[1] == "dist"
    assert result.stdout.split()[0].endswith("Path")
