"""A few runs of the real ``inv`` executable and ``python -m invoke``."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import SUPPORT

INV = Path(sys.executable).parent / "inv"


def _run(args, cwd, tmp_path, **env):
    environment = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "HOME": str(tmp_path)}
    environment.update(env)
    return subprocess.run(args, cwd=str(cwd), capture_output=True, text=True, env=environment)


@pytest.fixture
def inv():
    if not INV.exists():  # pragma: no cover - the venv always has it
        pytest.skip("no installed inv script")
    return str(INV)


def test_inv_version(inv, tmp_path):
    result = _run([inv, "--version"], tmp_path, tmp_path)
    assert (result.returncode, result.stdout, result.stderr) == (0, "Invoke 3.0.3\n", "")


def test_python_dash_m_invoke_runs_tasks(tmp_path):
    result = _run([sys.executable, "-m", "invoke", "hello", "-n", "proc"], SUPPORT / "cli" / "flat", tmp_path)
    assert (result.returncode, result.stdout) == (0, "hello proc x1\n")


def test_failing_command_exit_code_reaches_the_shell(inv, tmp_path):
    result = _run([inv, "fail", "--code", "9"], SUPPORT / "cli" / "runs", tmp_path)
    assert result.returncode == 9


def test_ctrl_c_in_a_task_exits_130(inv, tmp_path):
    result = _run([inv, "interrupt"], SUPPORT / "cli" / "runs", tmp_path)
    assert (result.returncode, result.stderr) == (130, "")


def test_parse_error_exit_code_and_message(inv, tmp_path):
    result = _run([inv, "stages", "--stages", "three"], SUPPORT / "cli" / "kinds", tmp_path)
    assert result.returncode == 1
    assert len(result.stderr.splitlines()) == 1
    assert "three" in result.stderr and "Traceback" not in result.stderr


def test_broken_tasks_file_has_no_traceback(inv, tmp_path):
    result = _run([inv, "-l"], SUPPORT / "cli" / "broken_syntax", tmp_path)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert "tasks.py:4: SyntaxError" in result.stderr


def test_ignore_unknown_help_from_the_environment(inv, tmp_path):
    # upstream-bugs row 15: the env var was read after the parser was built.
    project = tmp_path / "proj"
    project.mkdir()
    (project / "tasks.py").write_text(
        "from invoke import task\n\n@task(help={'nope': 'x'})\ndef t(c):\n    print('ran')\n"
    )
    without = _run([inv, "t"], project, tmp_path)
    assert without.returncode == 1
    with_env = _run([inv, "t"], project, tmp_path, INVOKE_TASKS_IGNORE_UNKNOWN_HELP="1")
    assert (with_env.returncode, with_env.stdout) == (0, "ran\n")


def test_no_stray_pyc_files_by_default(inv, tmp_path):
    project = tmp_path / "proj"
    project.mkdir()
    (project / "tasks.py").write_text("from invoke import task\n\n@task\ndef t(c):\n    pass\n")
    assert _run([inv, "t"], project, tmp_path).returncode == 0
    assert not (project / "__pycache__").exists()
    # The compiled tasks module is cached outside the project instead, so
    # the next run skips compiling it.
    cached = list((tmp_path / ".cache" / "invoke" / "pycache").rglob("tasks*.pyc"))
    assert [path.parent.name for path in cached] == ["proj"]
    assert _run([inv, "--write-pyc", "t"], project, tmp_path).returncode == 0
    assert (project / "__pycache__").exists()


def test_bytecode_cache_honours_xdg_cache_home_and_dont_write(inv, tmp_path):
    project = tmp_path / "proj"
    project.mkdir()
    (project / "tasks.py").write_text("from invoke import task\n\n@task\ndef t(c):\n    pass\n")
    xdg = tmp_path / "xdg"
    assert _run([inv, "t"], project, tmp_path, XDG_CACHE_HOME=str(xdg)).returncode == 0
    assert list((xdg / "invoke" / "pycache").rglob("tasks*.pyc"))
    quiet = tmp_path / "quiet"
    result = _run([inv, "t"], project, tmp_path, XDG_CACHE_HOME=str(quiet), PYTHONDONTWRITEBYTECODE="1")
    assert result.returncode == 0
    assert not quiet.exists()
    assert not (project / "__pycache__").exists()


def test_debug_given_after_a_task_name_turns_on_the_debug_log(inv, tmp_path):
    # Upstream accepts -d there but logs nothing; like the other core flags
    # that work after a task name, it now takes effect.
    result = _run([inv, "hello", "-d"], SUPPORT / "cli" / "flat", tmp_path)
    assert result.returncode == 0
    assert "invoke.executor.execute: Executing <Call 'hello'" in result.stderr
    quiet = _run([inv, "hello"], SUPPORT / "cli" / "flat", tmp_path)
    assert quiet.stderr == ""


def test_a_pre_task_given_by_name_is_one_line_through_the_cli(inv, tmp_path):
    (tmp_path / "tasks.py").write_text(
        "from invoke import TaskTemplate, task\n"
        "class Svc(TaskTemplate):\n"
        "    @task\n"
        "    def install(self, c):\n"
        "        pass\n"
        "    @task(post=['install'])\n"
        "    def start(self, c):\n"
        "        pass\n"
        "ns = Svc().to_collection()\n"
    )
    result = _run([inv, "start"], tmp_path, tmp_path)
    assert (result.returncode, result.stdout) == (1, "")
    assert result.stderr == (
        "Task 'start' lists 'install' (a str) in its post-tasks, but pre/post entries "
        "must be tasks or calls; list the task itself (post=[install]), not its name\n"
    )
